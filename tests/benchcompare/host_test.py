#!/usr/bin/env python3
"""Host test of scripts/benchcompare.py, the table and chart of `make bench-linux`, on a
known input: the ratios are Linux/Corral, a benchmark of one side shows "-" on the other, the
chart is well-formed SVG with a bar per benchmark measured on both sides, each from 1 to its
ratio on the log scale, and the notes (the machine) are in it.  Prints TAP.

    tests/benchcompare/host_test.py [BUILD_DIR]      (the build is not used)
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import benchcompare  # noqa: E402  (scripts/benchcompare.py)

CORRAL = """# getppid_us: min 0.3, max 0.5 over 5 boots
BENCH getppid_us 0.4 us
BENCH fork_exit_wait_us 200 us
BENCH synchronize_rcu_smp1 3000 ns
noise that is not a BENCH line
"""
LINUX = """BENCH getppid_us 1.2 us
BENCH fork_exit_wait_us 100 us
BENCH boot_linux_only_s 4.5 s
"""
SVG = "{http://www.w3.org/2000/svg}"

checks = failures = 0


def check(passed, what, detail=""):
    global checks, failures
    checks += 1
    failures += 0 if passed else 1
    print("%sok %d - %s" % ("" if passed else "not ", checks, what))
    if not passed and detail:
        print("#   " + detail)


def main():
    rows = benchcompare.compare(benchcompare.parse_bench(CORRAL),
                                benchcompare.parse_bench(LINUX))
    by_name = {r[0]: r for r in rows}
    check([r[0] for r in rows] == ["getppid_us", "fork_exit_wait_us", "synchronize_rcu_smp1",
                                   "boot_linux_only_s"],
          "rows: Corral's benchmarks in order, then Linux's own", repr(rows))
    check(abs(by_name["getppid_us"][4] - 3.0) < 1e-9 and
          abs(by_name["fork_exit_wait_us"][4] - 0.5) < 1e-9,
          "the ratio is Linux/Corral (1.2/0.4 = 3, 100/200 = 0.5)", repr(rows))
    check(by_name["synchronize_rcu_smp1"][3:] == (None, None) and
          by_name["boot_linux_only_s"][2] is None and by_name["boot_linux_only_s"][4] is None,
          "a benchmark of one side has no figure and no ratio on the other", repr(rows))

    table = benchcompare.format_table(rows).splitlines()
    check(table[0].split() == ["benchmark", "Corral", "Linux", "Linux/Corral"],
          "the table's header: name, Corral, Linux, Linux/Corral", table[0])
    check(table[1].split() == ["getppid_us", "0.4", "us", "1.2", "us", "3.00"],
          "a row: both figures with units, and the ratio", table[1])
    check(table[3].split() == ["synchronize_rcu_smp1", "3000", "ns", "-", "-"],
          "a Corral-only row shows '-' for Linux and the ratio", table[3])
    check(len({len(line) for line in table[:2]}) == 1, "the columns line up", "\n".join(table))
    markdown = benchcompare.format_table(rows, markdown=True).splitlines()
    check(markdown[2] == "| `getppid_us` | 0.4 us | 1.2 us | 3.00 |",
          "the Markdown table's row", markdown[2])

    svg = benchcompare.svg_chart(rows, "title <&>", ["Some CPU, 2 cores", "QEMU 7.2"])
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as err:
        check(False, "the chart is well-formed XML", str(err))
        return
    check(root.tag == SVG + "svg", "the chart is well-formed SVG", root.tag)
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    check("title <&>" in texts and "Some CPU, 2 cores" in texts and "QEMU 7.2" in texts,
          "the title and the notes are in it, escaped", repr(texts))
    check("3.00" in texts and "0.50" in texts, "each bar is labelled with its ratio",
          repr(texts))
    bars = [r for r in root.iter(SVG + "rect") if r.get("fill") != "white"]
    check(len(bars) == 2, "a bar per benchmark of both sides", "%d bars" % len(bars))
    # The axis is labelled 1 at x(1); a bar of ratio 3 spans log10(3) of a decade to the right,
    # the bar of 0.5 log10(2) to the left, so their widths are in that proportion.
    widths = [float(b.get("width")) for b in bars]
    lefts = [float(b.get("x")) for b in bars]
    check(abs(widths[0] / widths[1] - 0.47712 / 0.30103) < 0.01,
          "bar lengths follow the log scale (log 3 : log 2)", repr(widths))
    check(abs(lefts[0] - (lefts[1] + widths[1])) < 0.1,
          "a ratio above 1 starts where one below 1 ends: at 1", repr((lefts, widths)))


if __name__ == "__main__":
    main()
    print("1..%d" % checks)
    sys.exit(1 if failures else 0)
