"""Bar charts as SVG, written by hand: no network, Chinese drawn by installed fonts, valid XML.

Plain SVG rather than a chart library: pygal (the well-kept candidate) is slow to import
(docs/performance.md), links a tooltip script on kozea.github.io by default, writes characters XML
forbids as they come, and draws a missing figure as an empty slot, which reads as 0. These charts
need a few rectangles and labels, and the rules of the terminal charts: a missing figure is written
out in words, a conflict is marked and footnoted, the qualifier stays in the value's text.

The SVG carries presentation attributes only (no <style>, no ids), so it can be inlined into an
HTML page as it is, several times over.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..records.charts import Chart, ChartValue, words
from ..records.numbers import Units, decimal_of
from ..visible import safe_text
from .fonts import SANS

BAR_COLOUR = "#2b6cb0"
NEGATIVE_COLOUR = "#c05621"
CONFLICT_COLOUR = "#c53030"
MUTED_COLOUR = "#4a5568"
FONT_SIZE = 14
ROW = 26
PAD = 12
GAP = 8
# Widths are estimated, so text is given more room than most fonts need: CJK characters a full
# em, the others 0.62 em (sans-serif digits are ~0.55).
_WIDE_EM = 1.0
_NARROW_EM = 0.62
# XML 1.0 allows tab, newline, carriage return and U+0020–U+D7FF, U+E000–U+FFFD, U+10000 up.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text safe inside an XML element or attribute, whatever it holds.

    Controls, bidi overrides and characters XML forbids (U+FFFE, lone surrogates) become
    visible escapes, as in the terminal (anything safe_text left that XML forbids is dropped),
    and & < > " ' are escaped.
    """
    cleaned = _NOT_XML.sub("", safe_text(text))
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of the width of text drawn at size px."""
    ems = sum(
        _WIDE_EM if unicodedata.east_asian_width(char) in "WF" else _NARROW_EM
        for char in safe_text(text)
    )
    return ems * size


def bar_chart_svg(
    chart: Chart,
    width: int = 640,
    units: Units = Units.plain,
    lang: str = "en",
    footnotes: bool = True,
    title: bool = True,
) -> str:
    """The chart as a standalone SVG document of the given width (the height follows the rows).

    footnotes and title False leave the conflicts' notes and the title to the page around the
    chart (the * marks stay; the title stays the picture's accessible name).
    """
    said = words(lang)
    figures = chart.figures
    labels = [_label(f) for f in figures]
    values = [f.shown(units) + (f" {f.mark}" if f.mark else "") for f in figures]
    marks = ["*" if f.conflict else "" for f in figures]
    label_w = max((text_width(t) for t in labels), default=0)
    tail_w = max(
        (text_width(v + (" " + m if m else "")) for v, m in zip(values, marks, strict=True)),
        default=0,
    )
    stacked = width - 2 * PAD - label_w - GAP - GAP - tail_w < width / 4
    bar_x = PAD if stacked else PAD + label_w + GAP
    bar_room = max(1.0, width - PAD - bar_x - GAP - tail_w)
    largest = max((abs(decimal_of(f.value)) for f in figures if f.value is not None), default=None)

    parts: list[str] = []
    y = PAD
    if chart.title and title:
        heading = chart.title + (f" ({chart.unit})" if chart.unit else "")
        for line in _wrap(heading, width - 2 * PAD, FONT_SIZE + 2):
            y += FONT_SIZE + 6
            parts.append(_text(PAD, y, line, size=FONT_SIZE + 2, weight="bold"))
        y += GAP
    for figure, label, value, mark in zip(figures, labels, values, marks, strict=True):
        if stacked:
            for line in _wrap(label, width - 2 * PAD, FONT_SIZE):
                parts.append(_text(PAD, y + FONT_SIZE, line))
                y += FONT_SIZE + 6
        else:
            parts.append(_text(PAD, y + ROW / 2 + FONT_SIZE / 2 - 2, label))
        baseline = y + ROW / 2 + FONT_SIZE / 2 - 2
        if figure.value is None:
            parts.append(
                _text(bar_x, baseline, said[figure.missing], fill=MUTED_COLOUR, italic=True)
            )
            end = bar_x + text_width(said[figure.missing])
        else:
            length = _length(decimal_of(figure.value), largest, bar_room)
            colour = NEGATIVE_COLOUR if figure.value < 0 else BAR_COLOUR
            if length:
                parts.append(
                    f'<rect x="{bar_x:.1f}" y="{y + 4:.1f}" width="{length:.1f}" '
                    f'height="{ROW - 8}" fill="{colour}"><title>{xml_text(_tooltip(figure, lang))}'
                    "</title></rect>"
                )
            parts.append(_text(bar_x + length + GAP / 2, baseline, value))
            end = bar_x + length + GAP / 2 + text_width(value)
        if mark:
            parts.append(_text(end + 4, baseline, mark, fill=CONFLICT_COLOUR, weight="bold"))
        y += ROW
    notes = [f for f in figures if f.conflict] if footnotes else []
    legend = chart.legend if footnotes else ()
    if notes or legend or any(f.value is not None and f.value < 0 for f in figures):
        y += GAP
    for figure in notes:
        assert figure.conflict is not None
        note = f"* {figure.label}: {said['conflict']}: {figure.conflict.note}"
        for line in _wrap(note, width - 2 * PAD, FONT_SIZE - 2):
            y += FONT_SIZE + 2
            parts.append(_text(PAD, y, line, size=FONT_SIZE - 2, fill=CONFLICT_COLOUR))
    for entry in legend:  # what the values' marks say of their periods
        for line in _wrap(entry, width - 2 * PAD, FONT_SIZE - 2):
            y += FONT_SIZE + 2
            parts.append(_text(PAD, y, line, size=FONT_SIZE - 2, fill=MUTED_COLOUR))
    if any(f.value is not None and f.value < 0 for f in figures):
        y += FONT_SIZE + 2
        parts.append(
            f'<rect x="{PAD}" y="{y - FONT_SIZE + 3}" width="12" height="10" '
            f'fill="{NEGATIVE_COLOUR}"/>'
        )
        parts.append(_text(PAD + 18, y, said["negative"], size=FONT_SIZE - 2))
    height = int(y + PAD)
    label = xml_text(chart.title or "chart")
    family = xml_text(SANS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" '
        f'font-family="{family}" font-size="{FONT_SIZE}">\n'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
        + "\n".join(parts)
        + "\n</svg>\n"
    )


def _label(figure: ChartValue) -> str:
    return (f"{figure.rank}. " if figure.rank is not None else "") + figure.label


def _tooltip(figure: ChartValue, lang: str) -> str:
    said = words(lang)
    qualifier = said.get(figure.qualifier.value, "")
    return f"{figure.label}: {figure.shown()}" + (f" ({qualifier})" if qualifier else "")


def _length(number: Decimal, largest: Decimal | None, room: float) -> float:
    """Bar length in px; anything but 0 gets at least a visible pixel."""
    if number == 0 or not largest:
        return 0.0
    return max(1.0, float(abs(number) / largest) * room)


def _text(
    x: float,
    y: float,
    text: str,
    size: int = FONT_SIZE,
    fill: str = "#1a202c",
    weight: str | None = None,
    italic: bool = False,
) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (
        ' font-style="italic"' if italic else ""
    )
    size_attr = f' font-size="{size}"' if size != FONT_SIZE else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}"{size_attr}{extra}>{xml_text(text)}</text>'


def _wrap(text: str, room: float, size: int) -> list[str]:
    """Lines no wider than room, broken between words or between CJK characters."""
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        if line and text_width(line + token.rstrip(), size) > room:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while text_width(line, size) > room and len(line) > 1:  # a word longer than a line
            cut = next(i for i in range(len(line), 0, -1) if text_width(line[:i], size) <= room)
            lines.append(line[: max(cut, 1)])
            line = line[max(cut, 1) :]
    if line.strip():
        lines.append(line.rstrip())
    return lines


# A word of Latin letters and digits (with its trailing space) or any other single character.
_TOKEN = re.compile(r"[\w.,:;!?()'\-]+?(?=[^\w.,:;!?()'\-]|$)\s*|.\s*", re.ASCII | re.DOTALL)


def stacked_svg(charts: list[Chart], width: int = 640, lang: str = "en") -> str:
    """Several charts one above the other, as one SVG document."""
    parts = []
    y = 0
    for chart in charts:
        svg = bar_chart_svg(chart, width, lang=lang)
        height = int(svg.split('height="', 1)[1].split('"', 1)[0])
        parts.append(svg.replace("<svg ", f'<svg y="{y}" ', 1))
        y += height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" '
        f'viewBox="0 0 {width} {y}">\n' + "".join(parts) + "</svg>\n"
    )
