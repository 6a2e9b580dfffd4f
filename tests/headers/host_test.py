#!/usr/bin/env python3
"""Host test: an ordinary Linux C program that uses the calls Corral has compiles unchanged
against Corral's C library (newlib, the port in user/lib and the headers of user/include), as
it does against the host's glibc.

    tests/headers/host_test.py [BUILD_DIR]      (default: build; it must be built already)

Each tests/headers/NAME.c names a group of calls (time, files, processes, the machine and the
user database), each from the header Linux's C library declares it in, with _GNU_SOURCE as a
program that wants Linux's extensions defines it.  For each, two checks: make builds
BUILD_DIR/tests/headers/NAME from it as it builds a program (user/user.mk: every warning an
error, linked with the port), so a missing declaration or a missing function fails; and the
host's gcc compiles and links it against glibc.  The programs are never run.
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"

results = []


def check(description: str, passed: bool, output: str) -> None:
    results.append(passed)
    print("%s %d - %s" % ("ok" if passed else "not ok", len(results), description))
    for line in output.splitlines()[-12:] if not passed else ():
        print("#   " + line)
    sys.stdout.flush()


def run(command: list[str]) -> subprocess.CompletedProcess:
    """Run a build command in the checkout, untouched by a make that may be running us."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=50)


def main() -> int:
    if not os.path.exists(os.path.join(REPO, BUILD, "config.mk")) and \
            not os.path.exists(os.path.join(BUILD, "config.mk")):
        print("Bail out! %s is not built (run make first)" % BUILD)
        return 1
    for source in sorted(glob.glob(os.path.join(HERE, "*.c"))):
        name = os.path.splitext(os.path.basename(source))[0]
        done = run(["make", "--no-print-directory", "O=%s" % BUILD,
                    os.path.join(BUILD, "tests", "headers", name)])
        check("headers: tests/headers/%s.c builds against Corral's C library, unchanged" % name,
              done.returncode == 0, done.stdout)
        with tempfile.TemporaryDirectory(prefix="corral-headers-") as tmp:
            done = run(["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o",
                        os.path.join(tmp, name), source])
        check("headers: tests/headers/%s.c builds against the host's glibc" % name,
              done.returncode == 0, done.stdout)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
