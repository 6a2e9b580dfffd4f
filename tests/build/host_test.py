#!/usr/bin/env python3
"""Host tests of the build itself: the Makefile asks no tool anything before scripts/deps.sh
has run, and the initramfs follows the tree when files and programs come and go, and holds the
directories the Makefile names, with their owners and modes; scripts/check-image.sh holds the
kernel's hot path to its limit of pages.

    tests/build/host_test.py [BUILD_DIR]      (default: build; it must be built already)

Each check runs make in a scratch copy of the checkout under /tmp: the top-level files and
folders are symbolic links to the real ones, except user/bin, rootfs/ and scripts/, which the
checks change.  The source tree and BUILD_DIR are only read.  The image checks start from a
copy of BUILD_DIR's user programs (time stamps kept), so make compiles nothing and only
repacks the image: a few seconds.  Prints TAP-style `ok N - description` lines and exits 1 if
any failed.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build"))

# The tools the build runs; in the first checks each is a stand-in that logs its name.
TOOLS = ["gcc", "cc", "ld", "nm", "objcopy", "ar", "as", "strip", "python3",
         "qemu-system-x86_64", "grub-mkrescue", "xorriso", "clang-format", "apt-get"]
# The programs the scratch tree's user/bin keeps: two files and a folder.
PROGRAMS = ["hello.c", "true.c", "sh"]

results = []


def check(description: str, passed: bool, *details: str) -> None:
    results.append(passed)
    print("%s %d - %s" % ("ok" if passed else "not ok", len(results), description))
    for line in details if not passed else ():
        print("#   " + line)
    sys.stdout.flush()


def scratch_tree(top: str) -> None:
    """A copy of the checkout in top: links to everything but user/bin, rootfs/, scripts/."""
    for name in os.listdir(REPO):
        if name not in (".git", "build", "user", "rootfs", "scripts"):
            os.symlink(os.path.join(REPO, name), os.path.join(top, name))
    for folder in ("user", "scripts"):
        os.mkdir(os.path.join(top, folder))
        for name in os.listdir(os.path.join(REPO, folder)):
            if (folder, name) != ("user", "bin"):
                os.symlink(os.path.join(REPO, folder, name), os.path.join(top, folder, name))
    os.mkdir(os.path.join(top, "user", "bin"))
    for name in PROGRAMS:
        os.symlink(os.path.join(REPO, "user", "bin", name), os.path.join(top, "user", "bin", name))
    os.makedirs(os.path.join(top, "rootfs", "etc"))
    for name in ("motd", "issue"):
        with open(os.path.join(top, "rootfs", "etc", name), "w") as f:
            f.write("a file of rootfs/etc\n")


def make(top: str, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    """make in top, untouched by the make that may be running this test (tests/run)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(["make", "--no-print-directory", "O=build", *args], cwd=top, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)


def tail(text: str, lines: int = 8) -> list[str]:
    return ["make said: " + line for line in text.splitlines()[-lines:]]


# ---- no tool before scripts/deps.sh ---------------------------------------------------------


def stand_ins(top: str, log: str, deps_status: int = 1) -> str:
    """A PATH whose tools only log their names (and fail), and a deps.sh that logs its name and
    arguments and exits with deps_status."""
    fake = os.path.join(top, "fake-bin")
    os.makedirs(fake, exist_ok=True)
    for tool in TOOLS:
        with open(os.path.join(fake, tool), "w") as f:
            f.write("#!/bin/sh\necho %s >> %s\nexit 1\n" % (tool, log))
        os.chmod(os.path.join(fake, tool), 0o755)
    deps = os.path.join(top, "scripts", "deps.sh")
    if os.path.exists(deps):
        os.unlink(deps)
    with open(deps, "w") as f:
        f.write("echo deps.sh \"$@\" >> %s\nexit %d\n" % (log, deps_status))
    return fake + ":" + os.environ.get("PATH", "/usr/bin:/bin")


def logged(log: str) -> list[str]:
    try:
        with open(log) as f:
            return f.read().split()
    except FileNotFoundError:
        return []


def check_tools_wait_for_deps() -> None:
    with tempfile.TemporaryDirectory(prefix="corral-build-") as top:
        scratch_tree(top)
        log = os.path.join(top, "tools.log")
        path = stand_ins(top, log)
        done = make(top, path=path)
        ran = logged(log)
        check("on a machine without the tools, make runs scripts/deps.sh before any tool",
              ran == ["deps.sh"] and done.returncode != 0,
              "tools run, in order: %s" % (" ".join(ran) or "none"), *tail(done.stdout))
        os.unlink(log)
        done = make(top, "clean", path=path)
        check("make clean runs no tool and installs nothing",
              logged(log) == [] and done.returncode == 0,
              "tools run: %s" % (" ".join(logged(log)) or "none"), *tail(done.stdout))
        done = make(top, "format", path=path)
        check("make format asks deps.sh for clang-format alone, and stops if it cannot have it",
              logged(log) == ["deps.sh", "--only", "clang-format"],
              "tools run: %s" % (" ".join(logged(log)) or "none"), *tail(done.stdout))
        os.unlink(log)
        path = stand_ins(top, log, deps_status=0)
        done = make(top, "format", path=path)
        check("make format then runs clang-format, and no other tool",
              logged(log) == ["deps.sh", "--only", "clang-format", "clang-format"],
              "tools run: %s" % (" ".join(logged(log)) or "none"), *tail(done.stdout))


# ---- the image follows the tree --------------------------------------------------------------


def read_cpio(path: str, owners: bool = False) -> dict:
    """The members of a newc archive: {path: mode}, or {path: (mode, uid, gid)} with owners."""
    with open(path, "rb") as f:
        data = f.read()
    members, at = {}, 0
    while at + 110 <= len(data):
        header = data[at:at + 110]
        if header[:6] != b"070701":
            raise ValueError("%s: no newc header at offset %d" % (path, at))
        mode, uid, gid, size, namesize = (int(header[6 + 8 * i:14 + 8 * i], 16)
                                          for i in (1, 2, 3, 6, 11))
        name = data[at + 110:at + 110 + namesize - 1].decode()
        at += 110 + namesize
        at += -at % 4
        at += size + -size % 4
        if name == "TRAILER!!!":
            break
        members[name] = (mode, uid, gid) if owners else mode
    return members


def seed(top: str) -> None:
    """The scratch tree's build directory starts as a copy of BUILD's user side."""
    out = os.path.join(top, "build")
    os.mkdir(out)
    for name in ("config.mk", ".deps-checked", "user"):
        src = os.path.join(BUILD, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(out, name), symlinks=True)
        else:
            shutil.copy2(src, os.path.join(out, name))


def image_after(top: str, description: str, *make_args: str, owners: bool = False):
    """make the image in the scratch tree; its members, or None (and a failed check)."""
    done = make(top, "build/initramfs.cpio", *make_args)
    if done.returncode != 0:
        check(description, False, "make failed", *tail(done.stdout))
        return None
    return read_cpio(os.path.join(top, "build", "initramfs.cpio"), owners)


def check_image_follows_tree() -> None:
    with tempfile.TemporaryDirectory(prefix="corral-build-") as top:
        scratch_tree(top)
        seed(top)
        image = os.path.join(top, "build", "initramfs.cpio")
        bin_dir = os.path.join(top, "user", "bin")
        etc = os.path.join(top, "rootfs", "etc")

        description = "the image holds the programs of user/bin and the files of rootfs/, only"
        members = image_after(top, description)
        if members is None:
            return
        programs = sorted(m for m in members if m.startswith("bin/"))
        check(description, programs == ["bin/hello", "bin/sh", "bin/true"]
              and "etc/motd" in members and "etc/issue" in members,
              "bin/ holds: %s" % " ".join(programs))

        before = os.stat(image).st_mtime_ns
        members = image_after(top, "a second make leaves the image as it is")
        if members is not None:
            check("a second make leaves the image as it is", os.stat(image).st_mtime_ns == before,
                  "the image was made again with nothing changed")

        os.unlink(os.path.join(bin_dir, "true.c"))
        description = "a program deleted from user/bin leaves the image and the build directory"
        members = image_after(top, description)
        if members is not None:
            gone = [p for p in ("user/bin/true", "user/stripped/true")
                    if os.path.exists(os.path.join(top, "build", p))]
            check(description, "bin/true" not in members and "bin/hello" in members
                  and not gone, "still there: %s" % " ".join(
                      (["bin/true in the image"] if "bin/true" in members else []) + gone))

        os.unlink(os.path.join(bin_dir, "sh"))
        description = "a program folder deleted from user/bin leaves the image"
        members = image_after(top, description)
        if members is not None:
            check(description, "bin/sh" not in members, "bin/sh is still in the image")

        os.unlink(os.path.join(etc, "issue"))
        description = "a file deleted from rootfs/ leaves the image"
        members = image_after(top, description)
        if members is not None:
            check(description, "etc/issue" not in members, "etc/issue is still in the image")

        added = os.path.join(etc, "hostname")
        with open(added, "w") as f:
            f.write("corral\n")
        os.utime(added, (946684800, 946684800))  # as old as 2000, older than the image
        description = "a file added to rootfs/ with an old time stamp enters the image"
        members = image_after(top, description)
        if members is not None:
            check(description, "etc/hostname" in members, "etc/hostname is not in the image")

        os.chmod(added, 0o755)
        description = "chmod +x of a file in rootfs/ reaches the image"
        members = image_after(top, description)
        if members is not None:
            mode = members.get("etc/hostname", 0)
            check(description, stat.S_IMODE(mode) == 0o755, "mode in the image: %o" % mode)

        check_image_directories(top)


def check_image_directories(top: str) -> None:
    """The directories of INITRAMFS_DIRS, with their owners and modes."""
    description = "the image has /tmp 1777, /root 0700 and /home/user 0755 owned by 1000:1000"
    members = image_after(top, description, owners=True)
    if members is not None:
        want = {"tmp": (0o41777, 0, 0), "root": (0o40700, 0, 0),
                "home/user": (0o40755, 1000, 1000), "sbin": (0o40755, 0, 0)}
        got = {path: members.get(path) for path in want}
        check(description, got == want, "in the image: %s" % got)
    description = "a directory added to INITRAMFS_DIRS, with an owner, remakes the image"
    members = image_after(top, description, "INITRAMFS_DIRS=--dir /srv:7:8:0750", owners=True)
    if members is not None:
        check(description, members.get("srv") == (0o40750, 7, 8),
              "srv in the image: %s" % (members.get("srv"),))


def check_hot_path_limit() -> None:
    """scripts/check-image.sh passes BUILD's kernel, and fails it when the hot path may have
    fewer pages than it takes."""
    pass1, final = os.path.join(BUILD, "corral.pass1.elf"), os.path.join(BUILD, "corral.elf")
    script = os.path.join(REPO, "scripts", "check-image.sh")

    def run(pages: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, HOT_PAGES=pages)
        return subprocess.run(["sh", script, pass1, final], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    done = run("3")
    check("check-image.sh passes the kernel: its hot path lies on at most 3 pages",
          done.returncode == 0, *tail(done.stdout))
    done = run("1")
    check("check-image.sh fails a hot path on more pages than allowed (1), naming its size",
          done.returncode == 1 and "the hot path (.text.hot" in done.stdout
          and "more than 1" in done.stdout, "exit status %d" % done.returncode,
          *tail(done.stdout))


def main() -> int:
    if not os.path.exists(os.path.join(BUILD, "config.mk")):
        print("Bail out! %s is not built (run make first)" % BUILD)
        return 1
    check_tools_wait_for_deps()
    check_image_follows_tree()
    check_hot_path_limit()
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
