"""Run one of Corral's user test programs on this Linux host: the tests/NAME/host_test.py
scripts (usertests, permtests, containertests, errnocheck, hello) are each a call of
run_on_linux(), with the program's arguments if it needs any.

The programs are ordinary static programs for Linux's system-call ABI, which Corral shares,
so the rules they check are Linux's rules only if they pass here too.  Each runs in a fresh
temporary directory, which is its working directory (they make their files there), and must
leave it empty.  A program that mounts file systems (usertests, permtests and containertests,
when root) runs in a private mount namespace (`unshare --mount`, util-linux), so that nothing
it mounts is seen outside; if that is impossible the whole program is skipped, saying why,
rather than run unconfined.

The program's TAP lines are passed through, its plan line moved to the end to count the
checks added here (it printed a plan, left its directory empty, exited with status 0).  The
exit status is 0 only when every check passed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_S = 50  # tests/run gives a host test 60 s
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*$")
RESULT_RE = re.compile(r"^(not )?ok\b")


def skip_all(name: str, why: str) -> int:
    """The whole program could not run here: one skipped check, and success."""
    print("ok 1 - %s runs on Linux # SKIP %s" % (name, why))
    print("1..1")
    return 0


def private_mounts_command(program: list) -> tuple[list | None, str]:
    """The command that runs program in a private mount namespace, or None and why not."""
    unshare = shutil.which("unshare")
    if not unshare:
        return None, "no unshare(1) (util-linux) to make a private mount namespace"
    command = [unshare, "--mount", "--propagation", "private"]
    try:
        probe = subprocess.run(command + ["true"], stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as err:
        return None, "unshare --mount fails: %s" % err
    if probe.returncode != 0:
        return None, "unshare --mount fails: %s" % (probe.stderr.strip() or probe.returncode)
    return command + program, ""


def relay(out: str) -> tuple[int, bool]:
    """Print the program's output but its plan line; returns (results seen, plan seen)."""
    results, plan = 0, False
    for line in out.splitlines():
        if PLAN_RE.match(line):
            plan = True
            continue
        results += bool(RESULT_RE.match(line))
        print(line)
    return results, plan


def check(number: int, passed: bool, what: str, details: list | None = None) -> bool:
    """One TAP line; a failure is followed by details, as "#" lines."""
    print("%sok %d - %s" % ("" if passed else "not ", number, what))
    for line in [] if passed else details or []:
        print("#   " + line)
    return passed


def run_on_linux(name: str, build: str, mounts: bool = False, args: list | None = None) -> int:
    """Run BUILD/user/bin/NAME with args in a fresh directory (privately mounted if mounts and
    root)."""
    program = os.path.abspath(os.path.join(build, "user", "bin", name))
    if not os.access(program, os.X_OK):
        return skip_all(name, "%s is not built (make)" % program)
    command = [program] + (args or [])
    if mounts and os.geteuid() == 0:
        command, why = private_mounts_command(command)
        if command is None:
            return skip_all(name, why)
    workdir = tempfile.mkdtemp(prefix="corral-%s-" % name)
    try:
        done = subprocess.run(command, cwd=workdir, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
        left = sorted(os.listdir(workdir))
    except subprocess.TimeoutExpired:
        print("not ok 1 - %s finishes within %d s\n1..1" % (name, TIMEOUT_S))
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.stderr.write(done.stderr)
    results, plan = relay(done.stdout)
    ok = check(results + 1, plan, "%s prints its plan line, 1..N" % name)
    ok &= check(results + 2, not left, "%s leaves its working directory empty" % name,
                ["left behind: " + " ".join(left)] if left else None)
    ok &= check(results + 3, done.returncode == 0, "%s exits with status 0" % name,
                ["exit status %d" % done.returncode if done.returncode >= 0 else
                 "killed by signal %d" % -done.returncode])
    print("1..%d" % (results + 3))
    return 0 if ok else 1
