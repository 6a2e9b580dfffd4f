#!/usr/bin/env python3
"""Host test: containerstress (user/bin/containerstress.c): one worker per CPU making,
removing and moving itself between task containers of a named hierarchy at once, then every
container removed.  Corral's containers are Linux's cgroup v1 under other names, so here it
runs with Linux's (`containerstress --linux`).  It needs root and mounts, so it runs in a
private mount namespace (`unshare --mount`); where that cannot be had it is skipped, saying
why.  Its memory check runs on Corral only.

    tests/containerstress/host_test.py [BUILD_DIR]      (default: build)
"""
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from on_linux import run_on_linux  # noqa: E402  (tests/on_linux.py)

if __name__ == "__main__":
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    sys.exit(run_on_linux("containerstress", build, mounts=True, args=["--linux"]))
