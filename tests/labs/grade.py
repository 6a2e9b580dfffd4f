#!/usr/bin/env python3
"""Grade a lab: `make grade LAB=N` (tests/labs/grade.py [--build DIR] N).

Each lab has a table of named checks with points (LABS below).  A check reads the TAP lines
("ok 3 - name") that a test program prints when it runs as init under QEMU: the check passes
when every TAP result its patterns name is there and ok.  The boots a lab needs run in
parallel, each with a time limit, so a lab is graded in well under a minute.  The grader prints

    ok    the last process's exit runs the agent (15/15)
    FAIL  moving the last task out runs the agent (0/10)
          not ok: the last task moving out runs the agent
    score: 85/100

with the lines a lab's stub logs ("lab 6: ... see docs/labs/6-release.md") under it, and exits
with 1 below full marks.  The console of each boot is kept in DIR/logs/lab-N-BOOT.log.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import importlib.machinery
import importlib.util
import os
import re
import sys
import time

sys.dont_write_bytecode = True

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TESTS)
TAP_RE = re.compile(r"^(not )?ok\b\s*\d*\s*-?\s*(.*?)(\s+#\s*(SKIP|TODO).*)?$")
STUB_LINE_RE = re.compile(r"lab \d+: .*docs/labs/\S+")


def load_boot_module():
    """tests/boot, a script without a .py suffix, as a module."""
    path = os.path.join(TESTS, "boot")
    loader = importlib.machinery.SourceFileLoader("corral_boot", path)
    spec = importlib.util.spec_from_loader("corral_boot", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["corral_boot"] = module
    loader.exec_module(module)
    return module


@dataclasses.dataclass
class Boot:
    """One boot a lab's checks read: the kernel command line, CPUs, a time limit."""

    append: str
    smp: int = 2
    timeout: float = 45.0


@dataclasses.dataclass
class Check:
    """A named check worth points: every TAP result whose name matches one of the patterns
    (regexes, searched in the name) must be there and ok, in the console of boot."""

    name: str
    points: int
    boot: str
    patterns: list


@dataclasses.dataclass
class Lab:
    title: str
    chapter: str
    boots: dict
    checks: list


LABS = {
    1: Lab("a system call: sysinfo(2)", "docs/labs/1-syscall.md",
           {"sysinfotests": Boot("init=/bin/sysinfotests", timeout=30)}, [
               Check("sysinfo returns 0 and fills Linux's struct", 20, "sysinfotests",
                     [r"^sysinfo returns 0$", r"^memory: a unit", r"^no swap$"]),
               Check("a bad or kernel buffer is EFAULT, never a crash", 20, "sysinfotests",
                     [r"is EFAULT$"]),
               Check("the processes are counted, a forked child too", 15, "sysinfotests",
                     [r"^the processes are counted", r"^a forked child is counted"]),
               Check("free memory drops as memory is used and comes back", 20, "sysinfotests",
                     [r"^touching 4 MiB", r"^unmapping them gives it back$"]),
               Check("the uptime is seconds since boot", 10, "sysinfotests",
                     [r"^the uptime is seconds", r"^the uptime grows"]),
               Check("/bin/free prints memory and processes that add up", 15, "sysinfotests",
                     [r"^free"]),
           ]),
    2: Lab("copy-on-write fork", "docs/labs/2-cow.md",
           {"cowtests": Boot("init=/bin/cowtests", timeout=30)}, [
               Check("fork shares the pages", 30, "cowtests", [r"^fork shares the pages"]),
               Check("the child's writes copy, a page at a time", 30, "cowtests",
                     [r"^the child's writes copy"]),
               Check("shared, yet each sees the data of the fork and only its own writes", 15,
                     "cowtests", [r"^fork shares the pages", r"^the child sees the parent's",
                                  r"^each sees only its own writes"]),
               Check("shared, and the child's copies are freed when it exits", 10, "cowtests",
                     [r"^fork shares the pages", r"^once the child has exited"]),
               Check("shared, and the last sharer writes in place", 15, "cowtests",
                     [r"^fork shares the pages", r"^the last sharer writes"]),
           ]),
    3: Lab("a lock: the ticket spinlock", "docs/labs/3-spinlock.md",
           {"ktest": Boot("ktest=spinlock", timeout=40)}, [
               Check("each lock takes the next ticket, each unlock serves it", 30, "ktest",
                     [r"^spinlock: each lock takes the next ticket"]),
               Check("a released lock goes to the waiting CPU, never back to its holder", 40,
                     "ktest", [r"^spinlock: a released lock goes to the CPU waiting"]),
               Check("a counter hammered from every CPU ends exact", 10, "ktest",
                     [r"^smp: a spinlock counter hammered"]),
               Check("lock, unlock, trylock and the irqsave variants keep their promises", 20,
                     "ktest", [r"^spinlock: lock marks", r"^spinlock: trylock",
                               r"^spinlock: many lock/unlock", r"^spinlock: irq",
                               r"^spinlock: this CPU's count"]),
           ]),
    4: Lab("a shell feature: pipes and redirections", "docs/labs/4-shell.md",
           {"shtests": Boot("init=/bin/shtests", timeout=30)}, [
               Check("a pipe and a pipeline of three", 20, "shtests",
                     [r"^a pipe: echo into tr$", r"^a pipeline of three$"]),
               Check("end of file, and more than a pipe holds", 10, "shtests",
                     [r"^the reader sees end of file", r"^more than a pipe holds"]),
               Check("a pipeline's status is its last command's", 10, "shtests",
                     [r"^a pipeline's status"]),
               Check("a pipe inside a command substitution", 5, "shtests",
                     [r"^a pipe inside a command substitution$"]),
               Check("> and >>", 15, "shtests", [r"^> makes a file", r"^>> appends$"]),
               Check("<", 10, "shtests", [r"^< reads a file$"]),
               Check("descriptors: 2>, 2>&1, exec 3> and >&3", 15, "shtests",
                     [r"^2> sends errors", r"^2>&1 joins", r"^exec 3> opens"]),
               Check("a here-document", 5, "shtests", [r"^a here-document$"]),
               Check("a builtin's redirections are undone; a failed one stops the command", 10,
                     "shtests", [r"^a builtin's redirection is undone",
                                 r"^a redirection that fails"]),
           ]),
    5: Lab("a container subsystem: pids", "docs/labs/5-pids.md",
           {"containertests": Boot("init=/bin/containertests", timeout=40)}, [
               Check("a process moved in is counted in pids.current", 20, "containertests",
                     [r"^pids.current counts the two processes moved in$"]),
               Check("an exit gives its charge back", 15, "containertests",
                     [r"^pids.current counts the two", r"^an exit uncharges"]),
               Check("a move out carries the charge away", 15, "containertests",
                     [r"^pids.current counts the two", r"^a move out carries the charge away"]),
               Check("fork in a container at its pids.max fails with EAGAIN", 20,
                     "containertests", [r"^fork in a container at its pids.max"]),
               Check("a fork bomb stops at the limit, each fork counted", 15, "containertests",
                     [r"^a fork bomb under pids.max"]),
               Check("a parent's pids.max limits its child container's forks", 15,
                     "containertests", [r"^the parent's pids.max"]),
           ]),
    6: Lab("release notification", "docs/labs/6-release.md",
           {"releasetests": Boot("init=/bin/releasetests -- --lab", timeout=50)}, [
               Check("the last process's exit runs the agent", 15, "releasetests",
                     [r"^the last exit runs the agent$"]),
               Check("the agent gets its path, the container's path and the environment", 10,
                     "releasetests", [r"^its argv is", r"^its environment is"]),
               Check("the agent starts as a fresh root process in /", 5, "releasetests",
                     [r"^it runs as root$", r"^its descriptors", r"^it leads its own",
                      r"^it starts with no signal", r"^it starts in /$",
                      r"^it is in the top container"]),
               Check("one emptying, one agent", 5, "releasetests", [r"^the agent ran once$"]),
               Check("moving the last task out runs the agent", 10, "releasetests",
                     [r"^the last task moving out runs the agent$"]),
               Check("removing the last child container runs the parent's agent", 10,
                     "releasetests", [r"^removing the last child container"]),
               Check("a nested container's agent gets the whole path", 5, "releasetests",
                     [r"^a nested container's agent"]),
               Check("no agent while a task or a child is left; one when it goes", 10,
                     "releasetests", [r"^no agent for a container that still has",
                                      r"^its task's exit runs the agent$"]),
               Check("never for a fresh container, notify_on_release 0, or the top", 10,
                     "releasetests", [r"^no agent for a container that never",
                                      r"^no agent for a container whose notify_on_release",
                                      r"^never an agent for the top container$"]),
               Check("a missing or broken agent is logged, and the next one runs", 5,
                     "releasetests", [r"^no agent runs while release_agent is empty$",
                                      r": the kernel logs it, naming agent and container$",
                                      r"^after an? .*, the next release runs the agent$"]),
               Check("the kernel does not wait for its agent; a remount's agent runs", 5,
                     "releasetests", [r"^a second agent runs while the first",
                                      r"^after a remount, the new agent runs$"]),
               Check("200 containers emptied at once, then again with rmdir racing: every "
                     "agent once", 10, "releasetests", [r"^load: ", r"^race: "]),
           ]),
}


def tap_results(output: str) -> list[tuple[bool, str]]:
    """(passed, name) for every TAP result line of a console."""
    results = []
    for line in output.splitlines():
        found = TAP_RE.match(line.strip())
        if found:
            results.append((found.group(1) is None, found.group(2).strip()))
    return results


def judge(check: Check, results: list) -> tuple[bool, str]:
    """Whether check passes on a boot's TAP results, and why not."""
    for pattern in check.patterns:
        named = [(ok, name) for ok, name in results if re.search(pattern, name)]
        if not named:
            return False, "no result matching /%s/ (did the test program finish?)" % pattern
        for ok, name in named:
            if not ok:
                return False, "not ok: " + name
    return True, ""


def run_boots(lab: int, spec: Lab, build: str, bootlib) -> dict:
    """Boot each of the lab's boots in parallel: {name: BootResult}."""
    logs = os.path.join(build, "logs")
    os.makedirs(logs, exist_ok=True)

    def one(name: str, b: Boot):
        opts = bootlib.BootOptions(build=build, smp=b.smp, append=b.append, timeout=b.timeout,
                                   log=os.path.join(logs, "lab-%d-%s.log" % (lab, name)),
                                   quiet=True)
        return name, bootlib.boot(opts)

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(spec.boots)) as pool:
        return dict(pool.map(lambda item: one(*item), spec.boots.items()))


def grade(lab: int, build: str) -> int:
    spec = LABS[lab]
    bootlib = load_boot_module()
    start = time.monotonic()
    print("lab %d: %s (%s)" % (lab, spec.title, spec.chapter), flush=True)
    booted = run_boots(lab, spec, build, bootlib)
    score = 0
    for check in spec.checks:
        result = booted[check.boot]
        passed, why = judge(check, tap_results(result.output))
        score += check.points if passed else 0
        print("%-5s %s (%d/%d)" % ("ok" if passed else "FAIL", check.name,
                                   check.points if passed else 0, check.points))
        if not passed:
            print("      " + why)
    hints = []
    for name, result in booted.items():
        if result.outcome != "poweroff" or result.guest_status != 0:
            hints.append("%s: %s (log: %s)" % (name, result.summary,
                                              os.path.join(build, "logs",
                                                           "lab-%d-%s.log" % (lab, name))))
        for line in STUB_LINE_RE.findall(result.output):
            if line not in hints:
                hints.append(line)
    for hint in hints:
        print("# " + hint)
    total = sum(c.points for c in spec.checks)
    print("# graded in %.1f s" % (time.monotonic() - start))
    print("score: %d/%d" % (score, total), flush=True)
    if score < total:
        print("# %s says what each check wants" % spec.chapter)
    return 0 if score == total else 1


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tests/labs/grade.py", description="Grade a lab.")
    p.add_argument("--build", default=os.path.join(REPO, "build"), metavar="DIR",
                   help="build directory (default: build)")
    p.add_argument("lab", type=int, help="the lab's number: %s" %
                   ", ".join(str(n) for n in sorted(LABS)))
    args = p.parse_args(argv)
    if args.lab not in LABS:
        p.error("no lab %d; the labs are %s" % (args.lab, ", ".join(str(n) for n in
                                                                    sorted(LABS))))
    return grade(args.lab, args.build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
