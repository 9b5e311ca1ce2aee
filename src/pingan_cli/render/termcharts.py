"""Charts for the terminal: horizontal bars scaled per chart, and sparklines.

Drawn by hand in block characters (eighths of a cell), measured with Rich's cell widths so
Chinese labels line up. A missing figure is written out in words where its bar would be, never
left as an empty bar that reads as 0; a figure the sources disagree on is marked and footnoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from ..records.charts import Chart, ChartValue, words
from ..records.numbers import Number, Units, decimal_of
from ..result import Result, Table
from ..visible import safe_text

_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
_NEGATIVE = "▒"
_SPARKS = "▁▂▃▄▅▆▇█"
SPARK_MISSING = "·"
CONFLICT_MARK = "*"
# Below this many cells a bar beside its label tells too little: labels go above their bars.
MIN_BAR = 10
# Bars in a table's "bar" column: at most this many cells, and none under the minimum.
BAR_CELLS = 20
MIN_BAR_CELLS = 4
GAP = 3  # between table columns: "   ", or " | " with --ascii


def bar_chart(
    chart: Chart,
    width: int,
    units: Units = Units.plain,
    lang: str = "en",
    ascii_only: bool = False,
) -> str:
    """The chart as lines of at most ``width`` cells (labels above bars when it is narrow)."""
    from rich.cells import cell_len

    said = words(lang)
    figures = chart.figures
    labels = [safe_text(f.label) for f in figures]
    values = [safe_text(f.shown(units) + (f" {f.mark}" if f.mark else "")) for f in figures]
    ranks = [str(f.rank) if f.rank is not None else "" for f in figures]
    rank_w = max((len(r) for r in ranks), default=0)
    label_w = max((cell_len(t) for t in labels), default=0)
    value_w = max((cell_len(t) for t in values), default=0)
    mark_w = len(CONFLICT_MARK) if any(f.conflict for f in figures) else 0
    tail_w = value_w + (1 + mark_w if mark_w else 0)
    lead_w = (rank_w + 1 if rank_w else 0) + label_w + 1
    stacked = width - lead_w - 1 - tail_w < MIN_BAR
    bar_w = max(1, width - (2 if stacked else lead_w) - 1 - tail_w)
    largest = max((abs(decimal_of(f.value)) for f in figures if f.value is not None), default=None)

    lines: list[str] = []
    if chart.title:
        title = safe_text(chart.title) + (f" ({safe_text(chart.unit)})" if chart.unit else "")
        lines.append(title)
    for figure, label, value, rank in zip(figures, labels, values, ranks, strict=True):
        head = (rank.rjust(rank_w) + " " if rank_w else "") + label
        if figure.value is None:
            body = said[figure.missing]
        else:
            bar = _bar(figure.value, largest, bar_w, ascii_only)
            # NOTE: padded by cells, not characters: str.rjust counts 2061.54万元 as 10 where it
            # takes 12 cells, and a chart of Chinese figures ran 2 cells past the width.
            body = bar + " " * (bar_w - cell_len(bar)) + " " + " " * (value_w - cell_len(value))
            body += value
        if figure.conflict:
            body += " " * (bar_w + 1 + value_w - cell_len(body)) + " " + CONFLICT_MARK
        if stacked:
            lines.extend([head, "  " + body])
        else:
            lines.append(head + " " * (lead_w - cell_len(head)) + body)
    lines.extend(_footnotes(figures, lang))
    for line in chart.legend:  # what the values' marks say of their periods
        lines.extend(wrap_cells(safe_text(line), width))
    if chart.note:
        lines.extend(wrap_cells(safe_text(chart.note), width))
    if any(f.value is not None and f.value < 0 for f in figures):
        lines.append(f"{'-' if ascii_only else _NEGATIVE} {said['negative']}")
    # A title, label or note wider than the terminal is broken into lines of it, and so is a
    # figure too wide even alone under its label: no line is ever wider than the width.
    fitted = [part for line in lines for part in _fit(line.rstrip(), width)]
    return "\n".join(fitted) + "\n"


def _fit(line: str, width: int) -> list[str]:
    from rich.cells import cell_len

    return [line] if cell_len(line) <= width else [p.rstrip() for p in wrap_cells(line, width)]


def bars(values: Sequence[Number | None], cells: int, ascii_only: bool = False) -> list[str]:
    """Bars for a column of a table, scaled to the largest magnitude; "" for a missing value."""
    largest = max((abs(decimal_of(v)) for v in values if v is not None), default=None)
    return ["" if v is None else _bar(v, largest, cells, ascii_only) for v in values]


def _bar(value: Number, largest: Decimal | None, cells: int, ascii_only: bool) -> str:
    """A bar of value's share of the largest magnitude; anything but 0 gets at least a sliver."""
    number = decimal_of(value)
    if number == 0 or not largest:
        return ""
    steps = 1 if ascii_only else 8
    length = int((abs(number) / largest * cells * steps).to_integral_value(ROUND_HALF_EVEN))
    length = max(1, length)
    if number < 0:
        return ("-" if ascii_only else _NEGATIVE) * -(-length // steps)
    if ascii_only:
        return "#" * length
    whole, part = divmod(length, 8)
    return _FULL * whole + (_EIGHTHS[part] if part else "")


def _footnotes(figures: Sequence[ChartValue], lang: str) -> list[str]:
    said = words(lang)
    notes = []
    for figure in figures:
        if figure.conflict:
            note = safe_text(figure.conflict.note)
            notes.append(f"{CONFLICT_MARK} {safe_text(figure.label)}: {said['conflict']}: {note}")
    return notes


def wrap_cells(text: str, width: int) -> list[str]:
    """Text in lines of at most width cells, broken at spaces where it can, else anywhere."""
    from rich.cells import cell_len

    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if cell_len(word) <= width:  # whole on a line of its own
            if line:
                lines.append(line)
            line = word
            continue
        # A word wider than a line (Chinese has no spaces): broken between Chinese characters,
        # from this line on; a run of Latin letters and digits (a date, a number) stays whole
        # unless it is itself wider than a line.
        if line:
            line += " "
        for token in re.findall(r"[!-~]+|.", word):
            if line and cell_len(line + token) > width:
                lines.append(line.rstrip())
                line = ""
            while cell_len(token) > width:  # wider than a whole line: anywhere
                lines.append(token[:width])
                token = token[width:]
            line += token
    if line:
        lines.append(line)
    return lines


def text_cells(text: str) -> int:
    """How many terminal cells text takes (2 for each Chinese character)."""
    from rich.cells import cell_len

    return cell_len(text)


def sparkline(values: Sequence[Number | None]) -> str:
    """One character per period, low to high (▁ to █); a missing period is a dot, never ▁."""
    known = [decimal_of(v) for v in values if v is not None]
    if not known:
        return SPARK_MISSING * len(values)
    low, high = min(known), max(known)
    out = []
    for value in values:
        if value is None:
            out.append(SPARK_MISSING)
        elif high == low:
            out.append(_SPARKS[len(_SPARKS) // 2 - 1])
        else:
            step = (decimal_of(value) - low) / (high - low) * (len(_SPARKS) - 1)
            out.append(_SPARKS[int(step.to_integral_value())])
    return "".join(out)


def with_bars(result: Result, width: int | None, ascii_only: bool) -> Result:
    """The result's tables with their bar columns drawn as long as the width leaves (or left
    out), and each sparkline after its title where it fits."""
    return result._replace(tables=[_drawn(t, width, ascii_only) for t in result.tables])


def _drawn(table: Table, width: int | None, ascii_only: bool) -> Table:
    columns, rows, title = table.columns, table.rows, table.title
    if table.bars and any(c.key == "bar" for c in columns):
        others = [c for c in columns if c.key != "bar"]
        used = sum(
            max([text_cells(c.header), *(text_cells(r.get(c.key, "")) for r in rows)]) + GAP
            for c in others
        )
        cells = BAR_CELLS if width is None else min(BAR_CELLS, width - used)
        if cells < MIN_BAR_CELLS:
            columns = others
        else:
            drawn = bars(table.bars, cells, ascii_only)
            rows = [{**row, "bar": bar} for row, bar in zip(rows, drawn, strict=True)]
    if table.sparkline and not ascii_only and title is not None:
        spark = " " + sparkline(table.sparkline)
        if width is None or text_cells(title + spark) <= width:
            title += spark  # NOTE: a sparkline that does not fit is left out; the bars remain
    return table._replace(columns=columns, rows=rows, title=title, bars=(), sparkline=())
