#!/usr/bin/env python3
"""Cut a lab's student tree out of Corral's tree: `make lab LAB=N DIR=PATH`.

    scripts/lab.py cut N DIR     copy the tree (its git-tracked files) to DIR, with lab N's
                                 regions replaced by their stubs
    scripts/lab.py list          the labs and their regions, as the sources mark them

A lab's answer is marked in the C sources as a region, with the stub that replaces it right
after it, in a comment of its own (docs/labs/README.md, "How a lab is cut"):

    /* LAB 6 BEGIN: the release list, its work item and the agent */
    ... the answer ...
    /* LAB 6 END */
    /* LAB 6 STUB
    ... code that builds, boots and fails the lab's grader ...
    */

In the student tree the answer and the stub's comment are gone and the stub stands between the
same BEGIN and END lines; nothing else differs.  Only the standard library is used.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_SUFFIXES = (".c", ".h", ".S")

BEGIN_RE = re.compile(r"^\s*/\* LAB (\d+) BEGIN: (.+) \*/\s*$")
END_RE = re.compile(r"^\s*/\* LAB (\d+) END \*/\s*$")
STUB_RE = re.compile(r"^\s*/\* LAB (\d+) STUB\s*$")
STUB_CLOSE_RE = re.compile(r"^\s*\*/\s*$")


class MarkerError(Exception):
    """A region whose markers are not BEGIN, END and STUB in that order."""


class Region:
    """One marked region of a file: its lab, title, and line numbers (0-based)."""

    def __init__(self, lab: int, title: str, begin: int, end: int, stub_end: int, lines):
        self.lab, self.title = lab, title
        self.begin, self.end, self.stub_end = begin, end, stub_end
        self.stub = lines[end + 2:stub_end]  # between "/* LAB N STUB" and "*/"


def find_regions(path: str, lines: list[str]) -> list[Region]:
    """Every region in a file's lines; MarkerError if the markers are malformed."""
    regions, i = [], 0
    while i < len(lines):
        begin = BEGIN_RE.match(lines[i])
        if not begin:
            if END_RE.match(lines[i]) or STUB_RE.match(lines[i]):
                raise MarkerError("%s:%d: a LAB marker outside a region" % (path, i + 1))
            i += 1
            continue
        lab = int(begin.group(1))
        end = next((j for j in range(i + 1, len(lines)) if END_RE.match(lines[j])), None)
        if end is None or int(END_RE.match(lines[end]).group(1)) != lab:
            raise MarkerError("%s:%d: LAB %d BEGIN has no END of its own" % (path, i + 1, lab))
        if any(BEGIN_RE.match(line) for line in lines[i + 1:end]):
            raise MarkerError("%s:%d: regions may not nest" % (path, i + 1))
        stub = STUB_RE.match(lines[end + 1]) if end + 1 < len(lines) else None
        if not stub or int(stub.group(1)) != lab:
            raise MarkerError("%s:%d: LAB %d END is not followed by its STUB comment" %
                              (path, end + 1, lab))
        close = next((j for j in range(end + 2, len(lines)) if STUB_CLOSE_RE.match(lines[j])),
                     None)
        if close is None:
            raise MarkerError("%s:%d: the STUB comment is not closed" % (path, end + 2))
        regions.append(Region(lab, begin.group(2), i, end, close, lines))
        i = close + 1
    return regions


def cut_lines(lines: list[str], regions: list[Region], lab: int) -> list[str]:
    """The lines with lab's regions replaced by their stubs, between the same markers."""
    out, i = [], 0
    for region in regions:
        if region.lab != lab:
            continue
        out += lines[i:region.begin + 1] + region.stub + [lines[region.end]]
        i = region.stub_end + 1
    return out + lines[i:]


def tracked_files() -> list[str]:
    """The tree's files: those git tracks, or, outside a git checkout, every file but build/."""
    try:
        done = subprocess.run(["git", "-C", REPO, "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard"], check=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return [f for f in done.stdout.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for top, dirs, files in os.walk(REPO):
            dirs[:] = [d for d in dirs if not (top == REPO and d in ("build", ".git"))]
            found += [os.path.relpath(os.path.join(top, f), REPO) for f in files]
        return sorted(found)


def all_regions(files: list[str]) -> dict[str, tuple[list[str], list[Region]]]:
    """{path: (lines, regions)} for every source file with at least one region."""
    marked = {}
    for name in files:
        if not name.endswith(SOURCE_SUFFIXES):
            continue
        with open(os.path.join(REPO, name), encoding="utf-8") as f:
            lines = f.read().splitlines(keepends=False)
        regions = find_regions(name, lines)
        if regions:
            marked[name] = (lines, regions)
    return marked


def cut(lab: int, dest: str) -> int:
    """Write lab's student tree to dest; 0, or 1 with a message when it cannot."""
    if os.path.exists(dest) and (not os.path.isdir(dest) or os.listdir(dest)):
        print("lab.py: %s exists and is not an empty directory" % dest, file=sys.stderr)
        return 1
    files = tracked_files()
    marked = all_regions(files)
    ours = {name: v for name, v in marked.items() if any(r.lab == lab for r in v[1])}
    if not ours:
        print("lab.py: no region of lab %d in the tree (labs: %s)" %
              (lab, ", ".join(str(n) for n in labs_of(marked))), file=sys.stderr)
        return 1
    for name in files:
        src, dst = os.path.join(REPO, name), os.path.join(dest, name)
        if not os.path.isfile(src) or os.path.islink(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)  # times kept: a copied build directory rebuilds only the cut
    for name, (lines, regions) in sorted(ours.items()):
        with open(os.path.join(dest, name), "w", encoding="utf-8") as f:
            f.write("\n".join(cut_lines(lines, regions, lab)) + "\n")
        titles = "; ".join(r.title for r in regions if r.lab == lab)
        print("lab %d: %s: stubbed %s" % (lab, name, titles))
    print("lab %d: the student tree is in %s (%d files)" % (lab, dest, len(files)))
    return 0


def labs_of(marked) -> list[int]:
    return sorted({r.lab for _, regions in marked.values() for r in regions})


def list_labs() -> int:
    marked = all_regions(tracked_files())
    for lab in labs_of(marked):
        for name, (_, regions) in sorted(marked.items()):
            for r in regions:
                if r.lab == lab:
                    print("lab %d  %s:%d-%d  %s" % (lab, name, r.begin + 1, r.end + 1, r.title))
    return 0


def main(argv: list[str]) -> int:
    try:
        if len(argv) == 3 and argv[0] == "cut" and argv[1].isdigit():
            return cut(int(argv[1]), argv[2])
        if argv == ["list"]:
            return list_labs()
    except MarkerError as err:
        print("lab.py: %s" % err, file=sys.stderr)
        return 1
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
