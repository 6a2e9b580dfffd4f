#!/usr/bin/env python3
"""Host test: releasetests (user/bin/releasetests.c) on Linux, with `--linux`: the rules of
the files notify_on_release, release_agent and releasable and of the mount options
release_agent= and remount are Linux's cgroup v1 rules, and this is how that is known.  The
agent itself is not run here: Linux starts it in the host's first mount namespace, where the
test's files are not.  It needs root and mounts, so it runs in a private mount namespace
(`unshare --mount`); where that cannot be had it is skipped, saying why.

    tests/releasetests/host_test.py [BUILD_DIR]      (default: build)
"""
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from on_linux import run_on_linux  # noqa: E402  (tests/on_linux.py)

if __name__ == "__main__":
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    sys.exit(run_on_linux("releasetests", build, mounts=True, args=["--linux"]))
