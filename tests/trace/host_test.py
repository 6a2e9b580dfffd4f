#!/usr/bin/env python3
"""Host test of scripts/trace2json and scripts/trace2svg on a known dump: release-smp2.log,
the serial log of `tracetests --dump` booted with "trace" on two CPUs (docs/release.md says
how to make one).  trace2json's output must be JSON in the Chrome trace event format
(traceEvents, each with ph, ts, pid and tid; a named track per CPU and per process; system
calls as slices of positive length); trace2svg's must be SVG, with the release path's steps
in time order.  The parser must also leave the log's other lines alone.  Prints TAP.

    tests/trace/host_test.py [BUILD_DIR]      (the build is not used)
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(REPO, "scripts")
FIXTURE = os.path.join(HERE, "release-smp2.log")
SVG = "{http://www.w3.org/2000/svg}"
sys.path.insert(0, SCRIPTS)

import tracedump  # noqa: E402  (scripts/tracedump.py)

checks = failures = 0


def check(passed, what, detail=""):
    global checks, failures
    checks += 1
    failures += 0 if passed else 1
    print("%sok %d - %s" % ("" if passed else "not ", checks, what))
    if not passed and detail:
        print("#   " + str(detail)[:400])


def run(script, *args):
    """Run a converter on the fixture; (status, stdout, stderr)."""
    result = subprocess.run([sys.executable, os.path.join(SCRIPTS, script), *args],
                            capture_output=True, text=True, env=dict(os.environ,
                                                                    PYTHONDONTWRITEBYTECODE="1"))
    return result.returncode, result.stdout, result.stderr


def check_parser():
    with open(FIXTURE) as f:
        dump = tracedump.parse(f.read())
    check(dump.cpus == 2 and len(dump.events) > 50, "the dump's header and events are read",
          "%d cpus, %d events" % (dump.cpus, len(dump.events)))
    by_cpu = {}
    for e in dump.events:
        by_cpu.setdefault(e.cpu, []).append(e.ns)
    check(all(ns == sorted(ns) for ns in by_cpu.values()) and set(by_cpu) == {0, 1},
          "each CPU's events are in order, time stamps never going back")
    check(sum(dump.lost.values()) == 0 and dump.overwritten == 0, "nothing was lost")
    try:
        tracedump.parse("[ 0.1] corral: ready\nok 1 - a TAP line\n")
        check(False, "a log without a dump is refused")
    except ValueError:
        check(True, "a log without a dump is refused")


def check_json():
    status, out, err = run("trace2json", FIXTURE)
    check(status == 0, "trace2json runs", err)
    try:
        doc = json.loads(out)
    except ValueError as e:
        check(False, "trace2json's output is JSON", e)
        return
    check(True, "trace2json's output is JSON")
    events = doc.get("traceEvents", [])
    check(isinstance(events, list) and events and all(
        {"ph", "pid", "tid"} <= set(e) and ("ts" in e or e["ph"] == "M") for e in events),
        "Chrome trace format: traceEvents, each with ph, ts, pid and tid")
    names = [e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"]
    check("CPU 0" in names and "CPU 1" in names, "a track per CPU", names)
    check(any(n.startswith("container-reape") for n in names) and
          any(n.startswith("kworker") for n in names),
          "a track per process, named by its program (the agent, the worker)", names)
    slices = [e for e in events if e["ph"] == "X"]
    check(any(e["cat"] == "syscall" and e["name"] == "write" for e in slices) and
          all(e["dur"] >= 0 for e in slices),
          "system calls are slices named from kernel/syscall.c, none of negative length")
    kinds = {e["name"] for e in events if e["ph"] == "i"}
    check({"exit", "release_queued", "work_run", "umh_start", "agent_exec"} <= kinds,
          "the release path's events are there as instants", sorted(kinds))
    flows = [e for e in events if e["ph"] in ("s", "f")]
    check(len(flows) > 0 and len(flows) % 2 == 0, "IPIs are arrows from sender to receiver")


def check_svg():
    status, out, err = run("trace2svg", FIXTURE)
    check(status == 0, "trace2svg runs", err)
    try:
        root = ET.fromstring(out)
    except ET.ParseError as e:
        check(False, "trace2svg's output is well-formed XML", e)
        return
    check(root.tag == SVG + "svg", "trace2svg's output is SVG", root.tag)
    rows = [" ".join(t.text for t in g.iter(SVG + "text"))
            for g in root.iter(SVG + "g") if g.get("class") == "row"]
    labels = [r.split(" ", 1)[1].split(" ")[0] for r in rows]
    wanted = ["exit", "release", "wake-up", "worker", "release", "helper", "helper", "exec",
              "first"]
    check(all(w in labels for w in wanted), "the steps from the exit to the first instruction",
          rows)
    check(labels[0] == "exit" and labels[-1] == "first",
          "the path starts at the exit and ends at the agent's first instruction", rows)
    since = [float(r.split()[-2]) * (1000 if r.endswith("ms") else 1) for r in rows]
    check(since == sorted(since), "the steps are in time order", since)
    dots = [c for c in root.iter(SVG + "circle") if c.get("class") == "step"]
    check(len(dots) == len(rows), "a dot per step on the CPU lanes", len(dots))
    status, _, err = run("trace2svg", FIXTURE, "--pid", "99999")
    check(status == 1 and "no exit of pid 99999" in err, "a pid that never exited is an error",
          err)


def main():
    check_parser()
    check_json()
    check_svg()


if __name__ == "__main__":
    main()
    print("1..%d" % checks)
    sys.exit(1 if failures else 0)
