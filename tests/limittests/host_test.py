#!/usr/bin/env python3
"""Host test: limittests (user/bin/limittests.c), the user-space suite of resource limits:
getrlimit, setrlimit and prlimit64 and their errors, inheritance, RLIMIT_NOFILE and
RLIMIT_NPROC.  It needs root, to become another user (without it, it says so and skips).

    tests/limittests/host_test.py [BUILD_DIR]      (default: build)

It runs on Corral as init (tests/suites.py); here it runs on Linux, in a fresh temporary
directory (tests/on_linux.py), which is how its rules are known to be Linux's.
"""
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from on_linux import run_on_linux  # noqa: E402  (tests/on_linux.py)

if __name__ == "__main__":
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    sys.exit(run_on_linux("limittests", build))
