#!/usr/bin/env python3
"""Host test of the source tree: kernel/ and fs/ know no x86 detail.

    tests/layering/host_test.py [BUILD_DIR]      (the build directory is not used)

The machine-independent rooms (kernel/, fs/ and their headers in include/kernel/) reach the
machine only through its interface headers in arch/x86_64/include/arch/, the ones listed in
INTERFACE (docs/boot-and-memory.md, section 1, says what each offers).  This checks that they
include no other arch header, write no inline assembly, and name no x86 register, segment
selector, flag bit, control register or interrupt-controller id.  Prints TAP-style
`ok N - description` lines, with the offending lines under a failure; exits 1 if any failed.
"""
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROOMS = ["kernel", "fs", "include/kernel"]

INTERFACE = {
    "cpu.h", "percpu.h", "setup.h", "interrupts.h", "user.h", "switch.h", "fpu.h",
    "memlayout.h", "uvm.h", "smp.h", "stop.h", "serial.h", "rtc.h", "testfault.h",
}

ARCH_INCLUDE = re.compile(r'#\s*include\s*[<"](?:\.\./)*arch/([^>"]+)[>"]')
INLINE_ASM = re.compile(r"\b(__asm__|__asm|asm)\b\s*(volatile|__volatile__)?\s*\(")
X86_WORDS = re.compile(
    r"\b(rax|rbx|rcx|rdx|rsi|rdi|rbp|rsp|rip|r8|r9|r1[0-5]|[re]flags|RFLAGS_\w+|"
    r"cr[0234]|CR[0234]|(USER|KERNEL)_(CS|DS)|GDT\w*|IDT|TSS|MSR\w*|[a-z]*apic\w*|"
    r"[A-Z]*APIC\w*|iretq|sysretq?|swapgs)\b")


def sources():
    """Every .c, .h and .S file of the machine-independent rooms, as (path, lines)."""
    for room in ROOMS:
        for directory, _, files in os.walk(os.path.join(REPO, room)):
            for name in sorted(files):
                if name.endswith((".c", ".h", ".S")):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as f:
                        yield os.path.relpath(path, REPO), f.read().splitlines()


def offending(rule):
    """The lines rule(path, number, line) flags, as 'path:N: line'."""
    found = []
    for path, lines in sources():
        for number, line in enumerate(lines, 1):
            if rule(path, number, line):
                found.append("%s:%d: %s" % (path, number, line.strip()))
    return found


def outside_interface(path, number, line):
    match = ARCH_INCLUDE.search(line)
    return match is not None and match.group(1) not in INTERFACE


def assembly(path, number, line):
    """Inline assembly anywhere; an assembly file once, at its first line."""
    return (path.endswith(".S") and number == 1) or INLINE_ASM.search(line) is not None


def x86_word(path, number, line):
    return X86_WORDS.search(line) is not None


CHECKS = [
    ("kernel/ and fs/ include only the machine interface of arch/", outside_interface),
    ("kernel/ and fs/ hold no assembly, inline or in .S files", assembly),
    ("kernel/ and fs/ name no x86 register, selector, flag, APIC or control register",
     x86_word),
]


def main():
    failed = 0
    print("1..%d" % len(CHECKS))
    for number, (description, rule) in enumerate(CHECKS, 1):
        found = offending(rule)
        print("%s %d - %s" % ("not ok" if found else "ok", number, description))
        for line in found:
            print("#   " + line)
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
