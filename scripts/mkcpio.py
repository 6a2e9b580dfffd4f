#!/usr/bin/env python3
"""Build an initramfs: a cpio archive in the "newc" format, which the kernel unpacks into
its root file system at boot (fs/initramfs.c).

    python3 scripts/mkcpio.py -o OUT [--tree DEST=DIR]... [--file DEST=SRC[:OWNER]]...
                              [--dir DEST[:OWNER]]... [--dev DEST:c|b:MAJOR:MINOR[:MODE]]...

  --tree /=rootfs              the files and folders under rootfs/, put under / (DEST)
  --file /bin/init=build/init  one file (default mode 0755 if SRC is executable, else 0644)
  --dir /tmp:1777              one directory (default mode 0755)
  --dir /home/user:1000:1000:0755  one directory, with its owner, group and mode
  --dev /dev/console:c:5:1:0600  a device node, character (c) or block (b)

OWNER is MODE, in octal, or UID:GID:MODE, numbers: the entry's permissions, and who owns it
(root, 0:0, unless given).  Trees are added first, then --dir, --file and --dev options, each
replacing what was there for the same path.  The archive is deterministic: entries are sorted
by path, every parent directory is present (made with mode 0755 if not given), owners are
root unless an option names another, inode numbers count from 1, and every time stamp is
SOURCE_DATE_EPOCH (or 0), so the same inputs give the same bytes.  Permissions come from the
options, not from the checkout: files are 0755 or 0644, directories 0755.  Only the Python
standard library.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys

NAME_MAX = 255
PATH_MAX = 4096
S_IFDIR, S_IFREG, S_IFCHR, S_IFBLK = 0o040000, 0o100000, 0o020000, 0o060000


class Entry:
    """One member of the archive: a path inside it (no leading slash), a mode, an owner and a
    group, contents."""

    def __init__(self, path: str, mode: int, data: bytes = b"", rdev: tuple = (0, 0),
                 owner: tuple = (0, 0)):
        self.path, self.mode, self.data, self.rdev, self.owner = path, mode, data, rdev, owner


def fail(message: str) -> None:
    sys.exit(f"mkcpio: {message}")


def archive_path(dest: str) -> str:
    """'/etc//motd/' -> 'etc/motd', checked against the kernel's limits."""
    parts = [p for p in dest.split("/") if p not in ("", ".")]
    if ".." in parts:
        fail(f"{dest}: '..' is not allowed")
    for part in parts:
        if len(part.encode()) > NAME_MAX:
            fail(f"{dest}: a component is longer than {NAME_MAX} bytes")
    path = "/".join(parts)
    if len(path.encode()) + 1 > PATH_MAX:
        fail(f"{dest}: longer than {PATH_MAX - 1} bytes")
    return path


def parse_mode(text: str, what: str) -> int:
    try:
        mode = int(text, 8)
    except ValueError:
        fail(f"{what}: mode '{text}' is not octal")
    if mode & ~0o7777:
        fail(f"{what}: mode '{text}' has bits beyond 07777")
    return mode


def parse_owner(text: str, what: str, default_mode: int) -> tuple:
    """OWNER ("MODE", "UID:GID:MODE" or ""): ((uid, gid), mode)."""
    fields = text.split(":") if text else []
    if len(fields) not in (0, 1, 3):
        fail(f"{what}: expected MODE or UID:GID:MODE after the path")
    if len(fields) <= 1:
        return (0, 0), parse_mode(fields[0], what) if fields else default_mode
    try:
        uid, gid = int(fields[0]), int(fields[1])
    except ValueError:
        fail(f"{what}: owner and group must be numbers")
    if not (0 <= uid < 2**32 - 1 and 0 <= gid < 2**32 - 1):
        fail(f"{what}: owner and group must be below 4294967295")
    return (uid, gid), parse_mode(fields[2], what)


def file_mode(src: str) -> int:
    return 0o755 if os.stat(src).st_mode & 0o111 else 0o644


def read_file(src: str) -> bytes:
    try:
        with open(src, "rb") as f:
            return f.read()
    except OSError as e:
        fail(f"{src}: {e.strerror}")


def add_file(entries: dict, spec: str) -> None:
    dest, sep, src = spec.partition("=")
    if not sep or not src:
        fail(f"--file {spec}: expected DEST=SRC[:OWNER]")
    src, _, owner_text = src.partition(":")
    data = read_file(src)
    owner, mode = parse_owner(owner_text, spec, file_mode(src))
    entries[archive_path(dest)] = Entry(archive_path(dest), S_IFREG | mode, data, owner=owner)


def add_dir(entries: dict, spec: str) -> None:
    dest, _, owner_text = spec.partition(":")
    owner, mode = parse_owner(owner_text, spec, 0o755)
    entries[archive_path(dest)] = Entry(archive_path(dest), S_IFDIR | mode, owner=owner)


def add_dev(entries: dict, spec: str) -> None:
    fields = spec.split(":")
    if len(fields) not in (4, 5) or fields[1] not in ("c", "b"):
        fail(f"--dev {spec}: expected DEST:c|b:MAJOR:MINOR[:MODE]")
    try:
        major, minor = int(fields[2]), int(fields[3])
    except ValueError:
        fail(f"--dev {spec}: major and minor must be numbers")
    mode = parse_mode(fields[4], spec) if len(fields) == 5 else 0o600
    kind = S_IFCHR if fields[1] == "c" else S_IFBLK
    path = archive_path(fields[0])
    entries[path] = Entry(path, kind | mode, rdev=(major, minor))


def add_tree(entries: dict, spec: str) -> None:
    dest, sep, top = spec.partition("=")
    if not sep or not os.path.isdir(top):
        fail(f"--tree {spec}: expected DEST=DIR with DIR a directory")
    for folder, dirs, files in os.walk(top):
        dirs.sort()
        rel = os.path.relpath(folder, top)
        base = dest if rel == "." else f"{dest}/{rel}"
        if archive_path(base):
            add_dir(entries, base)
        for name in sorted(files):
            src = os.path.join(folder, name)
            if os.path.islink(src) or not os.path.isfile(src):
                fail(f"{src}: only regular files and directories can go in (no links)")
            add_file(entries, f"{base}/{name}={src}")


def add_parents(entries: dict) -> None:
    """Every parent directory of every entry gets an entry of its own."""
    for path in list(entries):
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            parent = "/".join(parts[:i])
            if parent not in entries:
                entries[parent] = Entry(parent, S_IFDIR | 0o755)
            elif not stat.S_ISDIR(entries[parent].mode):
                fail(f"{parent} is a file but {path} is inside it")


def newc_member(name: str, mode: int, ino: int, mtime: int, data: bytes = b"",
                rdev: tuple = (0, 0), nlink: int = 1, owner: tuple = (0, 0)) -> bytes:
    encoded = name.encode() + b"\0"
    fields = [ino, mode, owner[0], owner[1], nlink, mtime, len(data), 0, 0, rdev[0], rdev[1],
              len(encoded), 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    member = header + encoded
    member += b"\0" * (-len(member) % 4)
    return member + data + b"\0" * (-len(data) % 4)


def build(entries: dict, mtime: int) -> bytes:
    out = []
    for ino, path in enumerate(sorted(entries), start=1):
        e = entries[path]
        nlink = 2 if stat.S_ISDIR(e.mode) else 1
        out.append(newc_member(path, e.mode, ino, mtime, e.data, e.rdev, nlink, e.owner))
    out.append(newc_member("TRAILER!!!", 0, 0, 0))
    archive = b"".join(out)
    return archive + b"\0" * (-len(archive) % 512)  # whole blocks, as cpio(1) writes


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-o", "--output", required=True, help="the archive to write")
    p.add_argument("--tree", action="append", default=[], metavar="DEST=DIR")
    p.add_argument("--file", action="append", default=[], metavar="DEST=SRC[:OWNER]")
    p.add_argument("--dir", action="append", default=[], metavar="DEST[:OWNER]")
    p.add_argument("--dev", action="append", default=[], metavar="DEST:c|b:MAJOR:MINOR[:MODE]")
    args = p.parse_args()

    entries: dict = {}
    for spec in args.tree:
        add_tree(entries, spec)
    for spec in args.dir:
        add_dir(entries, spec)
    for spec in args.file:
        add_file(entries, spec)
    for spec in args.dev:
        add_dev(entries, spec)
    add_parents(entries)
    archive = build(entries, int(os.environ.get("SOURCE_DATE_EPOCH", "0")))
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(archive)
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
