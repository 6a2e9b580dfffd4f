#!/usr/bin/env python3
"""Corral's benchmarks beside Linux's: one table, and a bar chart of the ratios as SVG.

    python3 scripts/benchcompare.py CORRAL LINUX [--svg OUT] [--markdown] [--note TEXT]...

CORRAL and LINUX are outputs of tests/bench and tests/bench-linux: lines "BENCH name value
unit", each value a median over several boots (other lines are ignored).  Prints a table
with a row per benchmark: its name, Corral's figure, Linux's, and Linux/Corral, the ratio:
above 1, Linux takes longer than Corral; below 1, Corral takes longer.  A benchmark measured
on one side only shows "-" on the other, and no ratio.  --markdown prints the table for the
book.  --svg writes the chart: a bar per benchmark measured on both sides, from 1 to the
ratio, on a logarithmic scale; each --note is a line under it (the machine it ran on).

tests/bench-linux imports this file for the same work; it uses only the standard library.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from xml.sax.saxutils import escape

BENCH_LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+)\s*$", re.M)


def parse_bench(text: str) -> dict[str, tuple[float, str]]:
    """The BENCH lines of text as {name: (value, unit)}, in the order they appear."""
    return {m.group(1): (float(m.group(2)), m.group(3)) for m in BENCH_LINE.finditer(text)}


def compare(corral: dict, linux: dict) -> list[tuple]:
    """Rows (name, unit, corral value or None, linux value or None, ratio or None): Corral's
    benchmarks in their order, then those Linux alone has."""
    rows = []
    for name in list(corral) + [n for n in linux if n not in corral]:
        mine = corral.get(name)
        theirs = linux.get(name)
        unit = (mine or theirs)[1]
        ratio = None
        if mine and theirs and mine[0] > 0 and theirs[0] > 0:
            ratio = theirs[0] / mine[0]
        rows.append((name, unit, mine[0] if mine else None, theirs[0] if theirs else None,
                     ratio))
    return rows


def figure(value: float | None, unit: str = "") -> str:
    """A figure with four significant digits, or all its whole digits ('-' for none), and
    its unit."""
    if value is None:
        return "-"
    text = "%.4g" % value if abs(value) < 1000 else "%.0f" % value
    return text + (" " + unit if unit else "")


def format_table(rows: list[tuple], markdown: bool = False) -> str:
    """The rows as a table: name, Corral, Linux, Linux/Corral."""
    header = ("benchmark", "Corral", "Linux", "Linux/Corral")
    cells = [(name, figure(mine, unit), figure(theirs, unit),
              "-" if ratio is None else "%.2f" % ratio)
             for name, unit, mine, theirs, ratio in rows]
    if markdown:
        lines = ["| %s |" % " | ".join(header), "| --- | ---: | ---: | ---: |"]
        lines += ["| `%s` | %s |" % (c[0], " | ".join(c[1:])) for c in cells]
        return "\n".join(lines) + "\n"
    widths = [max(len(r[i]) for r in [header] + cells) for i in range(4)]
    lines = []
    for r in [header] + cells:
        lines.append("  ".join([r[0].ljust(widths[0])] +
                               [r[i].rjust(widths[i]) for i in range(1, 4)]).rstrip())
    return "\n".join(lines) + "\n"


# The chart's geometry, in pixels: a column of names, room for a ratio's label left of its
# bar, the plot, room for one on the right; a row per benchmark.
LABEL_W, PAD, PLOT_W, ROW_H, TOP, MARGIN = 230, 45, 560, 22, 62, 12


def decades(ratios: list[float]) -> tuple[int, int]:
    """The powers of ten the axis spans: always 1, and every ratio with room to spare."""
    low = min([1.0] + ratios)
    high = max([1.0] + ratios)
    return math.floor(math.log10(low)), max(math.ceil(math.log10(high)),
                                            math.floor(math.log10(low)) + 1)


def svg_chart(rows: list[tuple], title: str, notes: list[str]) -> str:
    """A horizontal bar per row with a ratio, from 1 to it, on a log scale, as SVG text."""
    bars = [r for r in rows if r[4] is not None]
    lo, hi = decades([r[4] for r in bars])

    def x(ratio: float) -> float:
        return LABEL_W + PAD + (math.log10(ratio) - lo) / (hi - lo) * PLOT_W

    height = TOP + ROW_H * len(bars) + 30 + 16 * len(notes) + MARGIN
    width = LABEL_W + PAD + PLOT_W + PAD
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">' %
           (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>' %
           (MARGIN, escape(title)),
           '<text x="%d" y="38" fill="#555">Linux/Corral, log scale: right of 1, Linux takes '
           'longer; left of 1, Corral does</text>' % MARGIN]
    bottom = TOP + ROW_H * len(bars)
    for power in range(lo, hi + 1):
        gx = x(10.0 ** power)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>' %
                   (gx, TOP - 6, gx, bottom, "#000" if power == 0 else "#ddd"))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s&#215;</text>' %
                   (gx, bottom + 16, "%g" % 10.0 ** power))
    for i, (name, _unit, _mine, _theirs, ratio) in enumerate(bars):
        y = TOP + i * ROW_H
        left, right = sorted((x(1.0), x(ratio)))
        colour = "#c0504d" if ratio > 1 else "#4f81bd"
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' %
                   (LABEL_W - 8, y + 14, escape(name)))
        out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' %
                   (left, y + 3, max(right - left, 1.0), ROW_H - 6, colour))
        # The ratio at the bar's far end from 1.
        if ratio > 1:
            out.append('<text x="%.1f" y="%d">%.2f</text>' % (right + 4, y + 15, ratio))
        else:
            out.append('<text x="%.1f" y="%d" text-anchor="end">%.2f</text>' %
                       (left - 4, y + 15, ratio))
    for k, note in enumerate(notes):
        out.append('<text x="%d" y="%d" fill="#555">%s</text>' %
                   (MARGIN, bottom + 40 + 16 * k, escape(note)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="scripts/benchcompare.py", description=__doc__.split("\n")[0])
    p.add_argument("corral", help="tests/bench's output")
    p.add_argument("linux", help="tests/bench-linux's output")
    p.add_argument("--svg", metavar="OUT", help="write the chart of the ratios here")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--note", action="append", default=[], metavar="TEXT",
                   help="a line under the chart (repeatable)")
    args = p.parse_args(argv)
    with open(args.corral, encoding="utf-8") as f:
        corral = parse_bench(f.read())
    with open(args.linux, encoding="utf-8") as f:
        linux = parse_bench(f.read())
    rows = compare(corral, linux)
    sys.stdout.write(format_table(rows, args.markdown))
    if args.svg:
        with open(args.svg, "w", encoding="utf-8") as f:
            f.write(svg_chart(rows, "Corral and Linux 6.1 in the same QEMU", args.note))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
