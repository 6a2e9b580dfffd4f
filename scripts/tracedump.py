"""Reading a dump of Corral's kernel event trace out of a serial log (kernel/trace.c).

scripts/trace2json and scripts/trace2svg import this file; it uses only the standard library.
A dump is the lines between "trace: begin" and "trace: end" (the last dump of the log, if it
holds several); other lines of the log are left alone.  An event line reads

    trace: CPU NS PID TYPE KEY=VALUE...

with NS nanoseconds since boot by that CPU's clock, PID the task running there, and TYPE one
of those of include/kernel/trace.h, whose arguments the keys name.
"""

from __future__ import annotations

import dataclasses
import os
import re

LINE = re.compile(r"trace: (.*?)\s*$")
EVENT = re.compile(r"^(\d+) (\d+) (-?\d+) (\w+)((?: \S+=\S*)*)$")
SYSCALL_ENTRY = re.compile(r"SYSCALL\((\d+),\s*sys_(\w+)\)")


@dataclasses.dataclass
class Event:
    cpu: int
    ns: int
    pid: int
    type: str
    args: dict[str, str]

    def number(self, key: str) -> int:
        """An argument as a number (decimal or 0x hex); -1 if it is not there."""
        value = self.args.get(key)
        return int(value, 0) if value is not None else -1


@dataclasses.dataclass
class Dump:
    cpus: int = 0
    recorded: dict[int, int] = dataclasses.field(default_factory=dict)
    lost: dict[int, int] = dataclasses.field(default_factory=dict)
    overwritten: int = 0
    events: list[Event] = dataclasses.field(default_factory=list)


def parse_event(text: str) -> Event | None:
    m = EVENT.match(text)
    if not m:
        return None
    args = dict(word.split("=", 1) for word in m.group(5).split())
    return Event(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4), args)


def parse(log: str) -> Dump:
    """The last dump in log; ValueError if there is none."""
    dump = None
    for raw in log.splitlines():
        m = LINE.search(raw.replace("\r", ""))
        if not m:
            continue
        text = m.group(1)
        if text.startswith("begin "):
            dump = Dump(cpus=int(re.search(r"cpus=(\d+)", text).group(1)))
        elif dump is None:
            continue
        elif text.startswith("cpu "):
            counts = re.match(r"cpu (\d+) recorded=(\d+) lost=(\d+)", text)
            if counts:
                cpu = int(counts.group(1))
                dump.recorded[cpu] = int(counts.group(2))
                dump.lost[cpu] = int(counts.group(3))
        elif text.startswith("end "):
            dump.overwritten = int(re.search(r"overwritten=(\d+)", text).group(1))
        else:
            event = parse_event(text)
            if event:
                dump.events.append(event)
    if dump is None:
        raise ValueError("no 'trace: begin' line: not a dump of the kernel event trace")
    return dump


def syscall_names() -> dict[int, str]:
    """Linux x86_64 system-call numbers to names, from the kernel's table (kernel/syscall.c)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel", "syscall.c")
    try:
        with open(path) as f:
            return {int(n): name for n, name in SYSCALL_ENTRY.findall(f.read())}
    except OSError:
        return {}


def task_names(dump: Dump) -> dict[int, str]:
    """A name for each pid: the last program it ran, else the name a switch or wake-up gave."""
    names: dict[int, str] = {0: "idle"}
    for e in dump.events:
        if e.type in ("switch", "wakeup"):
            pid = e.number("to" if e.type == "switch" else "task")
            if pid > 0 and pid not in names:
                names[pid] = e.args.get("name", "?")
    for e in sorted(dump.events, key=lambda e: e.ns):
        if e.type == "exec":
            names[e.pid] = e.args.get("name", "?")
    return names
