#!/usr/bin/env python3
"""The labs are sound (tests/run runs this as host/labs):

    tests/labs/host_test.py [BUILD] [--jobs N]

For every lab of tests/labs/grade.py, as TAP:
  - the markers of scripts/lab.py are well formed, and name the labs the grader knows;
  - this tree, built in BUILD, scores full marks;
  - the lab's student tree (scripts/lab.py cut N, into a temporary directory, with a copy of
    BUILD so that only the stubbed files are compiled again) builds, boots to the shell's
    prompt and runs a command typed there, and scores less than full marks, with its stub's
    line pointing at the lab's chapter.
The labs run one at a time (--jobs N: N at once, each student tree in its own directory), at
a lower priority (nice 10), and a student tree is built with one job, so that the QEMU suites
beside it in make test, whose timing checks need the machine's second core, come first.  The
temporary trees are removed at the end.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BUILD_TIMEOUT_S = 300
GRADE_TIMEOUT_S = 120
SCORE_RE = re.compile(r"^score: (\d+)/(\d+)$", re.MULTILINE)


def load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


grade = load("corral_grade", os.path.join(HERE, "grade.py"))
lab_cutter = load("corral_lab", os.path.join(REPO, "scripts", "lab.py"))


def run(command: list, cwd: str, timeout: float) -> tuple[int, str]:
    """A command's exit status and its output (stdout and stderr together)."""
    try:
        done = subprocess.run(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return 124, "killed after %d s" % timeout
    return done.returncode, done.stdout.decode("utf-8", errors="replace")


def score_of(output: str) -> tuple[int, int] | None:
    found = SCORE_RE.search(output)
    return (int(found.group(1)), int(found.group(2))) if found else None


def graded(tree: str, build: str, lab: int) -> tuple[tuple | None, str, float]:
    """Grade lab in tree with build: (score, total) or None, the grader's output, seconds."""
    start = time.monotonic()
    _, out = run([sys.executable, os.path.join(tree, "tests", "labs", "grade.py"), "--build",
                  build, str(lab)], tree, GRADE_TIMEOUT_S)
    return score_of(out), out, time.monotonic() - start


def copy_build(build: str, dest: str) -> None:
    """BUILD into dest with its times, but not its logs or the benchmark build."""
    shutil.copytree(build, dest, symlinks=True,
                    ignore=lambda d, names: [n for n in names if os.path.samefile(d, build)
                                             and n in ("logs", "bench")])


PROMPT_INPUT = b"echo lab-prompt-$((6 * 7))\npoweroff 0\n"


def check_lab(lab: int, build: str, scratch: str) -> list[tuple[bool, str, list]]:
    """The results (passed, description, details) for one lab."""
    results = []
    chapter = grade.LABS[lab].chapter
    score, out, took = graded(REPO, build, lab)
    results.append((score is not None and score[0] == score[1],
                    "lab %d: this tree scores full marks (%s in %.0f s)" %
                    (lab, "%d/%d" % score if score else "no score", took), out.splitlines()))
    tree = os.path.join(scratch, "lab%d" % lab)
    status, out = run([sys.executable, os.path.join(REPO, "scripts", "lab.py"), "cut", str(lab),
                       tree], REPO, 60)
    if status == 0:
        copy_build(build, os.path.join(tree, "build"))
        status, out = run(["make", "kernel", "initramfs"], tree, BUILD_TIMEOUT_S)
    results.append((status == 0, "lab %d: the student tree builds" % lab,
                    out.splitlines()[-15:]))
    if status != 0:
        return results
    status, out = boot_to_prompt(tree)
    results.append((status == 0 and "lab-prompt-42" in out,
                    "lab %d: the student tree boots to the prompt" % lab, out.splitlines()[-10:]))
    score, out, took = graded(tree, os.path.join(tree, "build"), lab)
    stub_said = re.search(r"^# lab %d: .*%s" % (lab, re.escape(chapter)), out, re.MULTILINE)
    results.append((score is not None and score[0] < score[1] and stub_said is not None,
                    "lab %d: the student tree scores less than full marks, its stub pointing "
                    "to %s (%s in %.0f s)" % (lab, chapter, "%d/%d" % score if score else
                                              "no score", took),
                    out.splitlines()))
    return results


def boot_to_prompt(tree: str) -> tuple[int, str]:
    """Boot the student tree as a person does, type a command at the prompt, power off."""
    input_file = os.path.join(tree, "build", "prompt-input.txt")
    with open(input_file, "wb") as f:
        f.write(PROMPT_INPUT)
    return run([sys.executable, os.path.join(tree, "tests", "boot"), "--build",
                os.path.join(tree, "build"), "--timeout", "30", "--input", input_file], tree, 60)


def markers_check() -> tuple[bool, str, list]:
    """The markers parse, and the labs they mark are the labs the grader grades."""
    try:
        marked = lab_cutter.all_regions(lab_cutter.tracked_files())
    except lab_cutter.MarkerError as err:
        return False, "the lab markers are well formed", [str(err)]
    found = lab_cutter.labs_of(marked)
    return (found == sorted(grade.LABS), "the lab markers are well formed and mark labs %s" %
            ", ".join(str(n) for n in sorted(grade.LABS)), ["marked: %s" % found])


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tests/labs/host_test.py", description=__doc__.split(
        "\n")[0])
    p.add_argument("build", nargs="?", default=os.path.join(REPO, "build"))
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="labs at once (default 1)")
    args = p.parse_args(argv)
    build = os.path.abspath(args.build)
    os.nice(10)  # the QEMU suites beside this one come first
    results = [markers_check()]
    scratch = tempfile.mkdtemp(prefix="corral-labs-")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for lab_results in pool.map(lambda n: check_lab(n, build, scratch),
                                        sorted(grade.LABS)):
                results += lab_results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("1..%d" % len(results))
    for i, (passed, description, details) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", i, description))
        if not passed:
            print("".join("#   %s\n" % line for line in details), end="")
    return 0 if all(r[0] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
