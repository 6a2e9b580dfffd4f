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
    "---[ end kernel panic ]---" (to check a backtrace, say).  within=(low, high) also checks
    a number: the regex's first group, at its first match, must lie in [low, high].
    """

    description: str
    regex: str
    where: str = "output"  # "output" or "panic"
    present: bool = True
    within: tuple | None = None  # (low, high) for the number in the regex's first group


@dataclasses.dataclass
class Suite:
    """One QEMU suite: how to boot, and what to check."""

    name: str
    kind: str = "expect"  # "tap" or "expect"
    append: str | None = ""  # kernel command line; None with iso: the ISO as built
    iso: bool = False  # boot through GRUB and the ISO instead of QEMU's -kernel
    smp: list = dataclasses.field(default_factory=lambda: [1, 2, 4])  # a run per CPU count
    smp_fixed: bool = False  # tests/run --smp leaves smp as it is: the CPU count is the test
    mem: str | None = None  # QEMU's -m; None: the run's (tests/run --mem, default 128M)
    input: str | None = None  # typed on the serial console once the kernel is ready
    initrd: str | None = None  # initramfs file, relative to the build directory
    timeout: float = 60.0  # seconds before QEMU is killed
    debug_exit: bool = True  # False: no isa-debug-exit device, the kernel uses ACPI power-off
    outcome: str = "poweroff"  # "poweroff", "panic" or "timeout"
    status: int | None = 0  # power-off status expected (outcome "poweroff"); None: any
    expect: list = dataclasses.field(default_factory=list)  # Expect checks ("expect" kind)


@dataclasses.dataclass
class WaitFor:
    """A step of a suite's typed input (Suite.input as a list): wait until the console shows
    regex, searched in what came after the previous WaitFor's match, before typing on."""

    regex: str
    timeout: float = 20.0


READY = Expect("reaches the ready line", r"corral: ready")
PROMPT = WaitFor(r"^# ")


def typed_lines(*lines: str) -> list:
    """Input steps: each line typed at a fresh prompt, as a person types."""
    steps = []
    for line in lines:
        steps += [PROMPT, line + "\n"]
    return steps


# The console's line discipline and job control, typed at the shell that /bin/init starts:
# the kernel's canonical mode (backspace, ^U, ^D) under the read builtin, ^C ending a
# foreground job and ^Z stopping one, and the shell's everyday features.  Each step waits for
# what a person would see first (a prompt, or a marker line printed just before the program
# reads).
SH_SESSION = typed_lines("echo go; sleep 100") + [
    WaitFor(r"^go$"), 0.5, "\x03",
] + typed_lines("echo st=$?") + [
    PROMPT, "echo r1; read x; echo got=$x\n", WaitFor(r"^r1$"), "ab\x7fc\n",
    PROMPT, "echo r2; read y; echo got=$y\n", WaitFor(r"^r2$"), "junk\x15ok\n",
    PROMPT, "echo r3; read z; echo st=$? z=$z\n", WaitFor(r"^r3$"), "ab\x04", 0.3, "\x04",
    PROMPT, "echo r4; read e; echo eof=$?\n", WaitFor(r"^r4$"), "\x04",
    PROMPT, "echo dropped\x03", PROMPT, "echo kept\n",
] + typed_lines(
    "echo abc | sh -c 'read x; echo piped=$x'",
    "echo red > /f.txt; echo more >> /f.txt; read l < /f.txt; echo l=$l",
    "{ nope; } 2>/err.txt; read e < /err.txt; echo e=$e",
    "echo 'echo script-arg=$1; exit 5' > /s.sh; sh /s.sh A; echo sst=$?",
    "sh -c 'exit 4' & wait $!; echo w=$?",
    "sleep 0.2 & sleep 0.1 & wait; echo all-waited",
    "echo sub=$(echo inner) nest=$(echo $(echo deep)) bq=`echo tick`",
    "read h <<EOF",
) + ["from-$(echo heredoc)\n", "EOF\n"] + typed_lines(
    "echo h=$h; v=1; read q <<'E'",
) + ["$v\n", "E\n"] + typed_lines(
    "echo q=$q",
    "case hello.c in *.h) echo h;; *.c|*.s) echo case-c;; esac",
) + [PROMPT, "greet() {\n", WaitFor(r"^> "), "echo hi-$1; return 3\n", WaitFor(r"^> "),
     "}\n"] + typed_lines(
    "greet you; echo gst=$?",
    "[ -d /proc ] && [ ! -f /nope ] && test 2 -lt 10 && echo test-ok",
    "printf 'pf=%05d|%-3s|%x\\n' 42 ab 255",
    "cp /bin/true /sb.sh; printf '#!/bin/sh\\necho shebang-$1\\n' > /sb.sh; /sb.sh arg",
    "trap 'echo trapped-usr1' USR1; kill -USR1 $$; trap - USR1",
    "exec 3>/e3.txt; echo via3 >&3; exec 3>&-; read r < /e3.txt; echo r=$r",
    "echo dotv=sourced > /d.sh; . /d.sh; eval 'echo ev=$dotv'",
    "command -v ls cd",
    "set -- -a -b x; while getopts ab: o; do printf %s $o$OPTARG; done; echo ' opts'",
    "sleep 100 &",
    "jobs",
    "echo fg1; fg",
) + [WaitFor(r"^fg1$"), 0.5, "\x03"] + typed_lines(
    "echo fgst=$?",
    "echo go2; sleep 100",
) + [WaitFor(r"^go2$"), 0.5, "\x1a", WaitFor(r"Stopped sleep 100")] + typed_lines(
    "echo zst=$?",
    "jobs",
    "ps",
    "bg",
    "jobs",
    "echo fg2; fg",
) + [WaitFor(r"^fg2$"), 0.5, "\x03"] + typed_lines(
    "echo fg2st=$?",
    "echo go3; sleep 100",
) + [WaitFor(r"^go3$"), 0.5, "\x1a", WaitFor(r"Stopped sleep 100")] + typed_lines(
    "exit 3",
    "exit 3",
) + [WaitFor(r"init: pid \d+ exited with status 3")] + typed_lines(
    "echo stopped=$(ps | grep -c '^ *[0-9]* *[0-9]* [a-z0-9]* *T ')", "poweroff 0")

# 7 KB typed at once while the shell sleeps: more than the line discipline's 4 KiB buffer,
# so the UART must hold the rest until the shell reads again; nothing is lost, nothing
# stalls.  The echo of what is typed ahead may come between a command's output lines, so each
# line prints a value the typed text does not hold.
SH_TYPE_AHEAD = "sleep 1\n" + "".join("echo line-%03d-$((%d * 2)) %s\n" % (i, i, "x" * 30)
                                      for i in range(160)) + "echo after-type-$((1))\nexit 9\n"

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sh", "console.txt")) as f:
    SH_CONSOLE = f.read()  # a session typed at /bin/sh (tests/sh/console.txt)

SUITES = [
    # In-kernel unit tests (KTEST in the kernel), reported as TAP.
    Suite("ktest", kind="tap", append="ktest", timeout=120),
    # The in-kernel benchmarks (make bench) still run and print their lines, with figures
    # that are sane: not zero (something was timed) and far below what even a loaded machine
    # would take (a grace period in 1 s, a read section or a lock pair in 1 ms); sanity, not
    # performance, which the machine's load decides.
    Suite("kbench", append="kbench", expect=[
        Expect("times a grace period: more than 0, less than 1 s",
               r"^BENCH synchronize_rcu_smp\d+ (\d+) ns$", within=(1, 10**9 - 1)),
        Expect("times an RCU read section: more than 0, less than 1 ms",
               r"^BENCH rcu_read_section_smp\d+ (\d+) ns$", within=(1, 10**6 - 1)),
        Expect("times a spinlock pair: more than 0, less than 1 ms",
               r"^BENCH spin_lock_irqsave_unlock_smp\d+ (\d+) ns$", within=(1, 10**6 - 1)),
        Expect("times a batch of the unmap walk: more than 0, less than 10 ms",
               r"^BENCH uvm_unmap_batch_smp\d+ (\d+) ns$", within=(1, 10**7 - 1)),
        Expect("times an address-space switch: more than 0, less than 10 ms",
               r"^BENCH address_space_switch_smp\d+ (\d+) ns$", within=(1, 10**7 - 1)),
        Expect("times two kernel threads' round trip: more than 0, less than 10 ms",
               r"^BENCH kthread_pingpong_smp\d+ (\d+) ns$", within=(1, 10**7 - 1)),
        Expect("times it with two address-space switches: more than 0, less than 10 ms",
               r"^BENCH kthread_pingpong_cr3_smp\d+ (\d+) ns$", within=(1, 10**7 - 1)),
   
        Expect("times a recorded trace event: more than 0, less than 1 ms",
               r"^BENCH trace_event_smp\d+ (\d+\.\d) ns$", within=(0.1, 10**6 - 1)),
        Expect("times a tracepoint with tracing off: less than 1 ms",
               r"^BENCH tracepoint_off_smp\d+ (\d+\.\d) ns$", within=(0, 10**6 - 1)),
    ]),
    Suite("ktest-iso", kind="tap", iso=True, append="ktest"),
    # 4 GiB puts RAM above 4 GiB, past the PCI hole; the debug checks make this one slower.
    Suite("ktest-4g", kind="tap", append="ktest", mem="4G", timeout=180),

    # Booting: QEMU's -kernel (multiboot1) and GRUB (multiboot2) must both come up.
    Suite("boot-kernel", append="test.poweroff=7", status=7, expect=[
        READY,
        Expect("says when the kernel started: after the reset, within a second",
               r"corral: ready in \d+ us \(the kernel started at (\d+) us\)",
               within=(1, 10**6 - 1)),
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
    # The kernel runs on at most MAX_CPUS (16) CPUs: a 17th is left out with a warning, and
    # the rest start.
    Suite("cpus-over-cap", smp=[17], smp_fixed=True, append="test.poweroff=0", expect=[
        Expect("warns about the CPU it leaves out",
               r"acpi: more than 16 CPUs; APIC id 16 left out"),
        Expect("starts the other 16", r"smp: 16 CPUs started"),
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
        Expect("backtrace follows the frame pointers to its caller", r"\] test_fault_trigger\+",
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
        Expect("mounts devfs on /dev and procfs on /proc", r"vfs: cannot mount", present=False),
    ]),
    Suite("initramfs-iso", kind="tap", iso=True, append="ktest", initrd="initramfs.cpio"),
    Suite("initramfs-truncated", append="test.poweroff=0",
          initrd="tests/initramfs-truncated.cpio", expect=[
        Expect("rejects the archive, saying why and where",
               r"initramfs: rejected: truncated .*at offset \d+; nothing unpacked"),
        READY,
    ]),

    # The root file system a Unix user expects, as stat(1) run as init sees it, and the wall
    # clock the kernel read from the RTC at boot, in the boot log.
    Suite("rootfs", append="init=/bin/stat -- -c %n:%a:%U:%u:%G:%g /tmp /root /home/user /sbin "
          "/etc/passwd /etc/group", expect=[
        Expect("the boot log gives the date and time the RTC says, a year after 2023",
               r"time: (\d{4})-[01]\d-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d UTC from the RTC",
               within=(2024, 9999)),
        Expect("/tmp is a tmpfs anyone may write to, sticky: mode 1777, root's",
               r"^/tmp:1777:root:0:root:0$"),
        Expect("/root is root's alone: mode 0700", r"^/root:700:root:0:root:0$"),
        Expect("/home/user belongs to user, uid and gid 1000",
               r"^/home/user:755:user:1000:user:1000$"),
        Expect("/sbin is there, root's", r"^/sbin:755:root:0:root:0$"),
        Expect("/etc/passwd is there, root's, readable by all", r"^/etc/passwd:644:root:0:root:0$"),
        Expect("/etc/group is there, root's, readable by all", r"^/etc/group:644:root:0:root:0$"),
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
    # Users and permissions: ids, the file system's checks, chmod, chown, umask, access, exec
    # permission, read-only mounts, /dev and /proc; each rule as root and as user 1000.
    Suite("permtests", kind="tap", append="init=/bin/permtests", timeout=120),
    # Many processes forking, exiting and waiting at once, copy-on-write and pipes across CPUs.
    Suite("smptests", kind="tap", append="init=/bin/smptests", timeout=120),
    # Task containers (Linux's cgroup v1 as Corral names them): mounting hierarchies, the
    # container file system, tasks, delegation, cpuacct, pids, cpuset, debug;
    # tests/containertests/host_test.py runs the same program on Linux.
    Suite("containertests", kind="tap", append="init=/bin/containertests", timeout=120),
    # One worker per CPU making, removing and moving between containers at once; then nothing
    # left behind (free memory, debug.css_groups).
    Suite("containerstress", kind="tap", append="init=/bin/containerstress", timeout=120),
    # Release notification: notify_on_release, release_agent, releasable, the mount options and
    # remount; when the agent runs and how it is started; 1,000 containers emptied at once, with
    # and without rmdir racing the releases.  The file and option checks run on Linux too
    # (tests/releasetests/host_test.py).
    Suite("releasetests", kind="tap", append="init=/bin/releasetests", timeout=240),
    # The kernel event trace, traced from boot: /dev/trace's words and who may use them; one
    # release traced, the dump in order per CPU and showing the path from the exit to the
    # agent's first instruction (tracetests.c; the converters' tests are tests/trace/).
    Suite("tracetests", kind="tap", append="trace init=/bin/tracetests", timeout=120),
    # make soak's program for one round (SECONDS 0: the warm-up round only), on four CPUs, so
    # that the soak itself is tested; `make soak` runs it for ten minutes.
    Suite("soak-round", kind="tap", append="init=/bin/soak -- 0", smp=[4], timeout=300),
    # A fork bomb as root meets EAGAIN from fork (threads-max) before memory runs out: no
    # process killed, a quiet log, memory back and a working shell after it (forkbomb.c).
    Suite("forkbomb", kind="tap", append="init=/bin/forkbomb", timeout=120),
    # Resource limits: getrlimit, setrlimit, prlimit64, RLIMIT_NOFILE and RLIMIT_NPROC;
    # tests/limittests/host_test.py runs the same program on Linux.
    Suite("limittests", kind="tap", append="init=/bin/limittests"),
    # The system-call fuzzer, short: 50,000 calls from seed 1 (make fuzz runs a long one); the
    # kernel survives, and files, css_groups, kmalloc's objects and free pages come back.
    Suite("fuzz", kind="tap", append="init=/bin/fuzz -- 1 50000", timeout=300),
    Suite("hello", kind="tap", append="init=/bin/hello"),
    # Copy-on-write fork through free memory and page contents (lab 2's grader reads these).
    Suite("cowtests", kind="tap", append="init=/bin/cowtests"),
    # The shell's pipes and redirections, from outside it (lab 4's grader reads these lines).
    Suite("shtests", kind="tap", append="init=/bin/shtests"),
    # sysinfo(2) and /bin/free (lab 1's grader reads the same lines).
    Suite("sysinfotests", kind="tap", append="init=/bin/sysinfotests"),
    Suite("errnocheck", kind="tap", append="init=/bin/errnocheck"),
    # Process groups, sessions and the console as a terminal (raw mode, foreground group).
    Suite("jobtests", kind="tap", append="init=/bin/jobtests"),

    # The commands in /bin (docs/commands.md): rootfs/test/commands.sh runs the checks of
    # rootfs/test/commands.txt under /bin/sh as init and exits with the number that failed.
    # poweroff as init must power off with the status it is given.
    Suite("commands", kind="tap", append="init=/bin/sh -- /test/commands.sh", timeout=120),
    Suite("commands-poweroff", append="init=/bin/poweroff -- 42", status=42, expect=[
        Expect("powers off with the status given", r"corral: power off, status 42"),
    ]),

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

    # Job control and the line discipline through /bin/init's shell, typed as a person does.
    Suite("sh-session", input=SH_SESSION, timeout=90, expect=[
        Expect("^C stops a foreground sleep: $? is 130", r"^st=130$"),
        Expect("backspace erases in canonical mode", r"^got=ac$"),
        Expect("^U kills the line in canonical mode", r"^got=ok$"),
        Expect("^D pushes a partial line, then ends the input", r"st=0 z=ab$"),
        Expect("^D on an empty line is end of file", r"^eof=1$"),
        Expect("^C at the prompt drops the line being edited", r"^dropped$", present=False),
        Expect("the shell still works after ^C", r"^kept$"),
        Expect("runs a pipeline", r"^piped=abc$"),
        Expect("redirects > >> and <", r"^l=red$"),
        Expect("redirects stderr", r"^e=sh: nope: not found$"),
        Expect("runs a script with arguments and gets its status", r"^script-arg=A$"),
        Expect("a script's exit status is $?", r"^sst=5$"),
        Expect("waits for a background job's status", r"^w=4$"),
        Expect("wait with no arguments waits for every job", r"^all-waited$"),
        Expect("substitutes commands: $(...), nested, `...`", r"^sub=inner nest=deep bq=tick$"),
        Expect("reads a here-document, expanded", r"^h=from-heredoc$"),
        Expect("a quoted here-document delimiter means no expansion", r"^q=\$v$"),
        Expect("case runs the list of the first pattern that matches", r"^case-c$"),
        Expect("a function typed over three lines runs, with $1 and return", r"^hi-you$"),
        Expect("a function's return status is $?", r"^gst=3$"),
        Expect("test and [ check files, strings and integers", r"^test-ok$"),
        Expect("printf formats its arguments", r"^pf=00042\|ab \|ff$"),
        Expect("a #! script runs by its path, with its argument", r"^shebang-arg$"),
        Expect("trap runs an action for a signal", r"^trapped-usr1$"),
        Expect("exec opens a descriptor that stays, and closes it", r"^r=via3$"),
        Expect(". runs a file in this shell, eval runs words", r"^ev=sourced$"),
        Expect("command -v finds a program on $PATH", r"^/bin/ls$"),
        Expect("getopts reads options and their arguments", r"^abx opts$"),
        Expect("jobs lists a running background job", r"^\[\d+\] Running \d+ sleep 100$"),
        Expect("fg brings it to the foreground, where ^C stops it", r"^fgst=130$"),
        Expect("^Z stops a foreground job, and the shell says so", r"^\[\d+\] Stopped sleep 100$"),
        Expect("$? is 128 + SIGTSTP after ^Z", r"^zst=148$"),
        Expect("jobs lists the stopped job", r"^\[\d+\] Stopped \d+ sleep 100$"),
        Expect("ps shows it in state T", r"^ *\d+ +\d+ root +T +\S+ +sleep 100$"),
        Expect("bg continues it in the background", r"^\[\d+\] sleep 100 &$"),
        Expect("jobs lists it running again", r"^\[\d+\] Running \d+ sleep 100$"),
        Expect("fg continues it in the foreground, where ^C ends it", r"^fg2st=130$"),
        Expect("exit with a stopped job only warns, the first time", r"^There are stopped jobs\.$"),
        Expect("init starts another shell when the first exits; the first one's stopped job "
               "was hung up, as its group was orphaned", r"^stopped=0$"),
    ]),
    Suite("sh-type-ahead", append="init=/bin/sh", input=SH_TYPE_AHEAD, status=9, expect=[
        Expect("runs the first line typed ahead", r"line-000-0 x{30}$"),
        Expect("runs the line just past 4 KiB typed ahead", r"line-095-190 x{30}$"),
        Expect("runs the last of 160 lines (7 KB) typed ahead", r"line-159-318 x{30}$"),
        Expect("and what follows them", r"after-type-1$"),
    ]),

    # make run's path: the ISO it boots (BUILD/corral.iso, as built: no command line, the
    # initramfs as a GRUB module) reaches the shell's prompt, which runs what is typed.
    Suite("run-iso-prompt", iso=True, append=None, status=3, input=typed_lines(
        "echo hello-$((6 * 7)) from $(uname -s)", "ls /proc/self", "poweroff 3"), expect=[
        Expect("reaches the shell's prompt", r"^# "),
        Expect("runs a command line typed at it", r"^hello-42 from Corral$"),
        Expect("has procfs mounted", r"cmdline"),
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


# A small machine, 32 MiB (about 19 free once booted), in every `make test`: the suites with
# the largest loads (usertests' large block and its leak checks, smptests' many processes,
# containerstress's workers and its leak check, releasetests' containers, sized from free
# memory) and those about running out of processes (forkbomb, limittests), once each on 2 CPUs.
# `make test MEM=32M` runs every suite so.
SMALL_MEMORY = ["usertests", "smptests", "containerstress", "releasetests", "forkbomb",
                "limittests"]
SUITES += [dataclasses.replace(s, name=s.name + "-32m", mem="32M", smp=[2], smp_fixed=True)
           for s in SUITES if s.name in SMALL_MEMORY]
