"""The QEMU test suites that `make test` (tests/run) boots, one entry per suite.

A suite is one boot of Corral (or one per CPU count in `smp`) and a way to check it:

  kind="tap"     every "ok N - name" / "not ok N - name" line on the serial console is one
                 test result; also checked: the guest powered off with `status`, and the number
                 of results matches the plan line "1..N" when there is one.
  kind="expect"  each Expect(description, regex) is one result, passing when the regex matches
                 somewhere in the console output (Python `re`, one line at a time: ^ and $
                 match at line ends); also checked: the boot ended with `outcome` (and
                 `status`, for a power-off).

To add a suite, copy an entry below and change it: give it a new name, the kernel command line
that makes the kernel do the thing (`append`), and what the console must show.  Run only it
with `tests/run --only NAME`.  The serial log of each run is kept in BUILD/logs/NAME.log.

Outcomes: "poweroff" (the kernel powered off; `status` is the status it must report),
"panic" (a kernel panic report), "timeout" (still running after `timeout` seconds, and then
killed: for a kernel that is meant to wait forever).
"""

from __future__ import annotations

import dataclasses
import os


@dataclasses.dataclass
class Expect:
    """One check of the console output: regex must match (or, with present=False, must not).

    where="panic" looks only inside the panic report, from the "kernel panic:" line to
    "---[ end kernel panic ]---" (to check a backtrace, say).
    """

    description: str
    regex: str
    where: str = "output"  # "output" or "panic"
    present: bool = True


@dataclasses.dataclass
class Suite:
    """One QEMU suite: how to boot, and what to check."""

    name: str
    kind: str = "expect"  # "tap" or "expect"
    append: str = ""  # kernel command line
    iso: bool = False  # boot through GRUB and the ISO instead of QEMU's -kernel
    smp: list = dataclasses.field(default_factory=lambda: [1, 2, 4])  # a run per CPU count
    mem: str = "128M"
    input: str | None = None  # typed on the serial console once the kernel is ready
    initrd: str | None = None  # initramfs file, relative to the build directory
    timeout: float = 60.0  # seconds before QEMU is killed
    debug_exit: bool = True  # False: no isa-debug-exit device, the kernel uses ACPI power-off
    outcome: str = "poweroff"  # "poweroff", "panic" or "timeout"
    status: int | None = 0  # power-off status expected (outcome "poweroff"); None: any
    expect: list = dataclasses.field(default_factory=list)  # Expect checks ("expect" kind)


READY = Expect("reaches the ready line", r"corral: ready")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sh", "console.txt")) as f:
    SH_CONSOLE = f.read()  # a session typed at /bin/sh (tests/sh/console.txt)

SUITES = [
    # In-kernel unit tests (KTEST in the kernel), reported as TAP.
    Suite("ktest", kind="tap", append="ktest", timeout=120),
    Suite("ktest-iso", kind="tap", iso=True, append="ktest"),
    # 4 GiB puts RAM above 4 GiB, past the PCI hole; the debug checks make this one slower.
    Suite("ktest-4g", kind="tap", append="ktest", mem="4G", timeout=180),

    # Booting: QEMU's -kernel (multiboot1) and GRUB (multiboot2) must both come up.
    Suite("boot-kernel", append="test.poweroff=7", status=7, expect=[
        READY,
        Expect("reports usable memory", r"memory: \d+ MiB usable"),
        Expect("does not take the kernel's file name for a word",
               r"ignoring unknown word '.*corral", present=False),
    ]),
    Suite("boot-iso", iso=True, append="test.poweroff=7", status=7, expect=[
        READY,
        Expect("reports usable memory", r"memory: \d+ MiB usable"),
    ]),
    Suite("boot-acpi", append="test.poweroff=0", debug_exit=False, status=0, expect=[
        READY,
        Expect("prints the power-off line", r"corral: power off, status 0"),
    ]),
    Suite("cmdline-unknown", append="test.poweroff=0 frobnicate=1", status=0, expect=[
        Expect("logs the unknown word", r"cmdline: ignoring unknown word 'frobnicate=1'"),
    ]),

    # Panics: the report names the fault, shows the registers and a symbolic backtrace.
    Suite("panic-report", append="test.fault=null", outcome="panic", expect=[
        Expect("prints a panic line", r"kernel panic: "),
        Expect("shows the registers", r"RIP", where="panic"),
        Expect("backtrace names the faulting function", r"test_fault_null_deref",
               where="panic"),
        Expect("ends the report", r"---\[ end kernel panic \]---"),
    ]),
    Suite("quiet", append="quiet test.poweroff=5", status=5, expect=[
        Expect("hides informational lines", r"memory: \d+ MiB usable", present=False),
        Expect("hides the ready line", r"corral: ready", present=False),
    ]),
    Suite("panic-ud", append="test.fault=ud", outcome="panic", expect=[
        Expect("names the invalid opcode", r"invalid opcode", where="panic"),
        Expect("backtrace names the faulting function", r"test_fault_invalid_opcode", where="panic"),
    ]),
    Suite("panic-stack", append="test.fault=stack", outcome="panic", expect=[
        Expect("a stack overflow is caught as a double fault", r"double fault",
               where="panic"),
    ]),
    Suite("test-fault-unknown", append="test.fault=nonsense test.poweroff=0", status=0, expect=[
        Expect("logs the unknown fault kind and goes on", r"test\.fault.*nonsense"),
    ]),
    Suite("panic-divide", append="test.fault=divide", outcome="panic", expect=[
        Expect("names the divide error", r"divide error", where="panic"),
        Expect("backtrace names the faulting function", r"test_fault_divide", where="panic"),
    ]),
    Suite("low-memory", mem="8M", append="test.poweroff=0", outcome="panic", expect=[
        Expect("says there is not enough memory", r"kernel panic: not enough memory"),
    ]),

    # The initramfs (the build's initramfs.cpio, from rootfs/): unpacked into the root at boot,
    # through QEMU's -initrd and through GRUB's module2; the in-kernel tests then find
    # /etc/motd in it.  A damaged archive is rejected with a line saying why, and the boot
    # goes on.
    Suite("initramfs", append="test.poweroff=0", initrd="initramfs.cpio", expect=[
        Expect("unpacks the archive", r"initramfs: unpacked \d+ entries"),
        Expect("makes every entry", r"initramfs: (cannot make|rejected)", present=False),
    ]),
    Suite("initramfs-iso", kind="tap", iso=True, append="ktest", initrd="initramfs.cpio"),
    Suite("initramfs-truncated", append="test.poweroff=0",
          initrd="tests/initramfs-truncated.cpio", expect=[
        Expect("rejects the archive, saying why and where",
               r"initramfs: rejected: truncated .*at offset \d+; nothing unpacked"),
        READY,
    ]),

    # Starting init: a program that is not there is logged with the reason, and the machine
    # powers off with status 127.
    Suite("init-missing", append="init=/bin/no-such-program", initrd="initramfs.cpio",
          status=127, expect=[
        READY,
        Expect("says why init cannot run",
               r"init: cannot run /bin/no-such-program: No such file or directory \(-2\)"),
    ]),

    # User programs (user/bin, in the initramfs's /bin) run as init: each prints TAP, and the
    # machine powers off with its exit status when it exits.
    Suite("usertests", kind="tap", append="init=/bin/usertests", timeout=120),
    # Many processes forking, exiting and waiting at once, copy-on-write and pipes across CPUs.
    Suite("smptests", kind="tap", append="init=/bin/smptests", timeout=120),
    Suite("hello", kind="tap", append="init=/bin/hello"),
    Suite("errnocheck", kind="tap", append="init=/bin/errnocheck"),

    # The shell as init, typed at over the console: pipelines, background jobs, arithmetic,
    # errors, and `exit 7` ending it (so the machine powers off with 7).
    Suite("sh-console", append="init=/bin/sh", input=SH_CONSOLE, status=7, expect=[
        Expect("shows the root prompt", r"^# "),
        Expect("expands a glob", r"/bin/init .*/bin/sh"),
        Expect("runs a pipeline", r"got abc"),
        Expect("waits for a background job", r"waited 3"),
        Expect("does arithmetic in a for loop", r"i=20"),
        Expect("says what is not found", r"sh: nope: not found"),
        Expect("gives 127 for it", r"st=127"),
        Expect("reports a syntax error", r"sh: syntax error near 'fi'"),
    ]),

    # /bin/init runs the programs named after " -- " in turn, reaps them, and never exits.
    Suite("init-runs-programs", append="init=/bin/init -- /bin/errnocheck /bin/hello",
          outcome="timeout", timeout=15, expect=[
        Expect("runs the first program", r"ok \d+ - .*ENOENT"),
        Expect("reports its exit", r"init: pid \d+ exited with status 0"),
        Expect("runs the second program", r"Hello from a newlib program"),
        Expect("stays up: init does not exit", r"init exited", present=False),
    ]),
]
