#!/usr/bin/env python3
"""Check that the C sources are as `make format` leaves them (.clang-format, Linux style).

    tests/format/host_test.py [BUILD_DIR]

Runs clang-format --dry-run over the files `make format` formats, and prints one TAP line; a
file that differs is named with its first differing line.  The fix is `make format`.
"""
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMATTED = ["arch", "kernel", "lib", "fs", "include", "tests/host"]  # as the Makefile says


def sources():
    """The .c and .h files of the folders that make format formats."""
    found = []
    for top in FORMATTED:
        for root, _dirs, files in os.walk(os.path.join(REPO, top)):
            found += [os.path.relpath(os.path.join(root, f), REPO) for f in files
                      if f.endswith((".c", ".h"))]
    return sorted(found)


def main():
    files = sources()
    try:
        done = subprocess.run(["clang-format", "--dry-run", "-Werror"] + files, cwd=REPO,
                              capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        # Not a build tool: make format installs it (scripts/deps.sh --only clang-format).
        print("ok 1 - the C sources are as make format leaves them # SKIP clang-format is not "
              "installed (make format installs it)")
        print("1..1")
        return 0
    # clang-format names each place that would change: "FILE:LINE:COL: error: code should be
    # clang-formatted"; one line per file is enough to point at it.
    places = {}
    for line in done.stderr.splitlines():
        m = re.match(r"^(\S+?):(\d+):\d+: error:", line)
        if m and m.group(1) not in places:
            places[m.group(1)] = m.group(2)
    passed = done.returncode == 0 and not places
    print("%sok 1 - the C sources are as make format leaves them (%d files)"
          % ("" if passed else "not ", len(files)))
    if not passed:
        for path, line in sorted(places.items()):
            print("#   %s:%s differs: run make format" % (path, line))
        if not places:
            print("#   clang-format exited with %d: %s" % (done.returncode, done.stderr[-300:]))
    print("1..1")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
