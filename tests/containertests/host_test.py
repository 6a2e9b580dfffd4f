#!/usr/bin/env python3
"""Host test: containertests (user/bin/containertests.c), the user-space suite of task
containers: mounting hierarchies, the container file system, the tasks file, delegation,
the per-process and summary files, and the subsystems cpuacct, pids and cpuset.  Corral's
containers are Linux's cgroup v1 under other names, so here it runs with Linux's
(`containertests --linux`: file-system type cgroup, /proc/self/cgroup, /proc/cgroups).  It
needs root and mounts, so it runs in a private mount namespace (`unshare --mount`); where
that cannot be had it is skipped, saying why.

    tests/containertests/host_test.py [BUILD_DIR]      (default: build)

The hierarchies of a subsystem are not private to a mount namespace: the program makes only
containers named after its pid in them, moves only its own children, and removes what it
made.  It runs on Corral as init (tests/suites.py); here it runs on Linux, in a fresh
temporary directory (tests/on_linux.py), which is how its rules are known to be Linux's.
"""
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from on_linux import run_on_linux  # noqa: E402  (tests/on_linux.py)

if __name__ == "__main__":
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    sys.exit(run_on_linux("containertests", build, mounts=True, args=["--linux"]))
