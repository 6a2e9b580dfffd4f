#!/usr/bin/env python3
"""Checks that the words agree with the code: the book, the READMEs and the comments.

    tests/docs/host_test.py [BUILD_DIR]

Prints TAP (`ok N - what`), one line per rule, with a `#` line for each offence, and exits 1
if any rule is broken.  The rules:

  - no promise of later work outside a list of what is planned: phrases such as "a later
    issue", "for now", "to come", "not yet implemented", a clause that ends in "yet", TODO.  A Markdown section whose
    heading says "planned", and a line marked "*(planned)*", are such lists;
  - every function the docs name, as `name()` in running text or in a call-path box, exists:
    defined in the tree (C, assembly, Python, shell), or a system call, or a C library
    function of newlib's headers;
  - the lock-order table of docs/locking.md is the checker's declared_order[] in
    kernel/lockorder.c;
  - the system-call table of kernel/syscall.c is in numeric order, and docs/syscalls.md's
    table lists the same calls with the same numbers.
"""
import glob
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = ["README.md", "tests/README.md", "user/README.md"] + sorted(
    os.path.relpath(p, REPO) for p in glob.glob(os.path.join(REPO, "docs", "**", "*.md"),
                                                recursive=True))
SOURCE_DIRS = ["arch", "kernel", "fs", "lib", "include", "user", "tests", "scripts", "rootfs"]
SOURCE_EXTS = (".c", ".h", ".S", ".py", ".sh", ".awk", ".ld", ".txt", ".mk")

checks = failures = 0


def check(passed, what, details=()):
    """One TAP line, and a # line per detail when it failed."""
    global checks, failures
    checks += 1
    if not passed:
        failures += 1
    print("%sok %d - %s" % ("" if passed else "not ", checks, what))
    for d in (details if not passed else ()):
        print("#   " + d)


def read(path):
    with open(os.path.join(REPO, path), encoding="utf-8", errors="replace") as f:
        return f.read()


def source_files():
    """Every source file of the tree (not the build), as paths relative to the repository."""
    found = ["Makefile", "linker.ld", ".ci/run"]
    for top in SOURCE_DIRS:
        for root, _dirs, files in os.walk(os.path.join(REPO, top)):
            for name in files:
                path = os.path.relpath(os.path.join(root, name), REPO)
                if name.endswith(SOURCE_EXTS) or "." not in name:
                    found.append(path)
    return sorted(p for p in found if os.path.isfile(os.path.join(REPO, p)))


# ---- promises --------------------------------------------------------------------------

PROMISES = re.compile(r"|".join([
    r"\b(a|the)\s+later\s+(issue|chapter|commit|version|patch)e?s?\b",
    r"\blater\s+(issue|chapter|commit|version|patch)e?s?\b",
    r"\(later\)",
    r"\bto\s+come\b",
    r"\bfor\s+now\b",
    r"\bcoming\s+(soon|next|later)\b",
    r"\bin\s+(a|the)\s+future\b",
    r"\bnot\s+yet\s+(implemented|supported|built|enforced|written|done|available)\b",
    r"\byet\s*(?=[).,;:]|$)",  # "... do not exist yet." (a state is "so far")
    r"\blater\s*\)",
    r"\bnow,[^.]{0,40}\blater\b",
    r"\b(isn't|is\s+not|are\s+not|aren't)\s+(implemented|built|supported|there)\s+yet\b",
    r"\byet\s+to\s+be\s+(written|built|implemented|added|done)\b",
    r"\bwill\s+be\s+(added|implemented|built|written)\b",
]), re.IGNORECASE)
# In code and docs; not in the test harness, where TODO is a TAP directive.
MARKERS = re.compile(r"\b(TODO|FIXME|XXX)\b")

THIS_FILE = os.path.relpath(os.path.abspath(__file__), REPO)


def planned_lines(text):
    """Line numbers (1-based) inside a Markdown list of what is planned."""
    allowed, level = set(), None
    for n, line in enumerate(text.splitlines(), 1):
        heading = re.match(r"^(#+)\s", line)
        if heading:
            depth = len(heading.group(1))
            if level is not None and depth <= level:
                level = None
            if re.search(r"planned", line, re.IGNORECASE):
                level = depth
        if level is not None or "*(planned)*" in line:
            allowed.add(n)
    return allowed


def promise_offences(path):
    text = read(path)
    allowed = planned_lines(text) if path.endswith(".md") else set()
    out = []
    # Join each line with the next, so a phrase broken across two lines is found too.
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        pair = line + " " + (lines[n].lstrip(" \t*#/") if n < len(lines) else "")
        found = list(PROMISES.finditer(pair))
        if path.endswith((".c", ".h", ".S", ".md")):
            found += list(MARKERS.finditer(pair))
        for m in found:
            if m.start() < len(line) and n not in allowed:
                out.append("%s:%d: '%s'" % (path, n, m.group(0)))
    return out


def check_promises():
    offences = []
    for path in DOCS + source_files():
        if path != THIS_FILE:
            offences += promise_offences(path)
    offences = sorted(set(offences))
    check(not offences, "no promise of later work outside a list of what is planned",
          offences)


# ---- functions the docs name -----------------------------------------------------------

C_DEF = re.compile(r"^(?!\s)(?!typedef)[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\((?!\*)[^;]*$",
                   re.MULTILINE)
C_MACRO = re.compile(r"^#\s*define\s+([A-Za-z_]\w*)\(", re.MULTILINE)
ASM_LABEL = re.compile(r"^([A-Za-z_]\w*):", re.MULTILINE)
PY_DEF = re.compile(r"^\s*def\s+([A-Za-z_]\w*)\s*\(", re.MULTILINE)
SH_DEF = re.compile(r"^([A-Za-z_]\w*)\s*\(\)\s*\{?", re.MULTILINE)
KTEST_DEF = re.compile(r"^KTEST\(\s*(\w+)", re.MULTILINE)
FN_MEMBER = re.compile(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(")  # ops->name(): a member
ATTRIBUTE = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)")

# Named in the docs, but not the tree's: what an example or another system defines.
ELSEWHERE = {
    "answer": "the example system call docs/syscalls.md adds, step by step",
    "makedev": "the C library's macro (glibc's <sys/sysmacros.h>)",
}


def defined_names():
    """Every function, macro and label the tree defines."""
    names = set()
    for path in source_files():
        text = read(path)
        if path.endswith((".c", ".h")):
            text = ATTRIBUTE.sub("", text)
            names.update(C_DEF.findall(text))
            names.update(FN_MEMBER.findall(text))
            names.update(C_MACRO.findall(text))
            names.update(KTEST_DEF.findall(text))
        elif path.endswith(".S"):
            names.update(ASM_LABEL.findall(text))
            names.update(C_MACRO.findall(text))
        elif path.endswith(".py") or "." not in os.path.basename(path):
            names.update(PY_DEF.findall(text))
            names.update(SH_DEF.findall(text))
        elif path.endswith(".sh"):
            names.update(SH_DEF.findall(text))
    return names


def system_call_names():
    text = read("user/include/sys/syscall.h")
    return set(re.findall(r"\bSYS_(\w+)\b", text)) | set(re.findall(r"\b__NR_(\w+)\b", text))


def newlib_names():
    """Functions declared by newlib's headers (its include directory from scripts/newlib.sh)."""
    try:
        out = subprocess.run(["sh", os.path.join(REPO, "scripts", "newlib.sh"), "--path"],
                             capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return set()
    names = set()
    for path in glob.glob(os.path.join(out, "include", "**", "*.h"), recursive=True):
        with open(path, errors="replace") as f:
            names.update(re.findall(r"\b([A-Za-z_]\w*)\s*\(", f.read()))
    return names


CODE_SPAN = re.compile(r"`([^`\n]+)`")
NAMED_CALL = re.compile(r"(?<![\w.>-])([A-Za-z_]\w*)\(\)")


def doc_function_mentions(path):
    """(line, name) for each `name()` in running text, and each name() in a code block.
    Exercises name functions the reader is to write: their sections are left out."""
    mentions, in_block, exercises = [], False, False
    for n, line in enumerate(read(path).splitlines(), 1):
        if re.match(r"^#+\s", line):
            exercises = re.search(r"exercise", line, re.IGNORECASE) is not None
        if exercises:
            continue
        if line.lstrip().startswith("```"):
            in_block = not in_block
            continue
        spans = [line] if in_block else CODE_SPAN.findall(line)
        for span in spans:
            mentions += [(n, name) for name in NAMED_CALL.findall(span)]
    return mentions


def check_named_functions():
    known = defined_names() | system_call_names() | newlib_names() | set(ELSEWHERE)
    missing = []
    for path in DOCS:
        for n, name in doc_function_mentions(path):
            if name not in known:
                missing.append("%s:%d: %s() is defined nowhere" % (path, n, name))
    check(not missing, "every function the docs name exists", missing)


# ---- the lock order --------------------------------------------------------------------


def declared_order_in_code():
    text = read("kernel/lockorder.c")
    body = text[text.index("declared_order[] = {"):]
    body = body[:body.index("};")]
    return {(name, kind == "LOCK_KIND_MUTEX"): int(rank) for name, kind, rank in
            re.findall(r'\{\s*"(\w+)",\s*(LOCK_KIND_\w+),\s*(\d+)\s*\}', body)
            if not name.startswith("ktest_")}


def declared_order_in_docs():
    text = read("docs/locking.md")
    table = {}
    for line in text.splitlines():
        row = re.match(r"^\|\s*(\d+)\s*\|(.*?)\|\s*(spin|mutex)\s*\|", line)
        if not row:
            continue
        rank, names, kind = int(row.group(1)), row.group(2), row.group(3)
        # The class names are the code spans before any parenthesis (which explains them).
        for name in CODE_SPAN.findall(names.split("(")[0]):
            table[(name, kind == "mutex")] = rank
    return table


def check_lock_order():
    code, docs = declared_order_in_code(), declared_order_in_docs()
    details = ["%s (%s): rank %s in kernel/lockorder.c, %s in docs/locking.md" %
               (name, "mutex" if mutex else "spin", code.get((name, mutex), "none"),
                docs.get((name, mutex), "none"))
               for (name, mutex) in sorted(set(code) | set(docs))
               if code.get((name, mutex)) != docs.get((name, mutex))]
    check(code and not details, "docs/locking.md's lock order is the checker's declared order",
          details or ["no declared order found"])


# ---- the system-call table -------------------------------------------------------------


def check_syscall_table():
    text = read("kernel/syscall.c")
    calls = [(int(n), name) for n, name in re.findall(r"SYSCALL\((\d+),\s*sys_(\w+)\)", text)]
    numbers = [n for n, _ in calls]
    check(calls and numbers == sorted(numbers) and len(set(numbers)) == len(numbers),
          "kernel/syscall.c's table is in numeric order, each number once",
          ["order: %s" % numbers])
    docs = set((int(n), name) for n, name in
               re.findall(r"^\|\s*(\d+)\s*\|\s*`(\w+)`", read("docs/syscalls.md"), re.MULTILINE))
    details = ["%d %s: in kernel/syscall.c, not in docs/syscalls.md's table" % c
               for c in sorted(set(calls) - docs)]
    details += ["%d %s: in docs/syscalls.md's table, not in kernel/syscall.c" % c
                for c in sorted(docs - set(calls))]
    check(not details, "docs/syscalls.md's table lists every system call of kernel/syscall.c",
          details)


def main():
    check_promises()
    check_named_functions()
    check_lock_order()
    check_syscall_table()
    print("1..%d" % checks)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
