"""What --ascii draws: a table's figures in English words, any other text as \\uXXXX escapes.

A figure as written keeps what it says: its magnitude (5.2万 is 52,000), its qualifier (余, 多,
以上: at least; 左右: about) and its unit. What has no entry here stays an escape: nothing is lost,
nothing guessed.
"""

from __future__ import annotations

import re

from ..records.numbers import UNIT_WORDS
from ..result import Result
from ..visible import ascii_only_text as _escaped


def ascii_only_text(text: str) -> str:
    """Text in ASCII: marks in their ASCII spelling (≠ !=, · -), anything else as \\uXXXX."""
    return text if text.isascii() else _escaped(text.translate(_SYMBOLS))


_UNITS = UNIT_WORDS
# A pinyin gloss that a machine copy inserts after a character (萬(wàn)元): it repeats the
# character's sound, so a figure is read without it.
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
# Marks with an ASCII spelling that says the same (instead of a \uXXXX escape).
_SYMBOLS = str.maketrans(
    {"≠": "!=", "≥": ">=", "≤": "<=", "≈": "~", "·": "-", "…": "...", "—": "--", "–": "-",
     "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "†": "+"}
)  # fmt: skip
_MAGNITUDES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CHANGES = {
    "同比上升": ("up ", " year on year"), "同比增长": ("up ", " year on year"),
    "同比下降": ("down ", " year on year"), "同比减少": ("down ", " year on year"),
    "上升": ("up ", ""), "增长": ("up ", ""), "下降": ("down ", ""), "减少": ("down ", ""),
}  # fmt: skip
_FIGURE = re.compile(
    r"(?P<change>同比上升|同比增长|同比下降|同比减少|上升|增长|下降|减少)?"
    r"(?P<number>\d[\d,]*(?:\.\d+)?)(?P<space> ?)"
    r"(?P<more>[余多])?(?P<magnitude>[万萬亿億])?(?P<more_after>[余多])?"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + ")?"
    r"(?P<bound>以上|左右)?"
)
_ORDINALS = dict(
    zip(
        "一二三四五六七八九十",
        ("1st", "2nd", "3rd", *(f"{n}th" for n in range(4, 11))),
        strict=True,
    )
)
_PHRASES = (
    (
        re.compile(r"全省第([一二三四五六七八九十])"),
        lambda m: f"{_ORDINALS[m[1]]} in the province",
    ),
    (
        re.compile(r"全市第([一二三四五六七八九十])"),
        lambda m: f"{_ORDINALS[m[1]]} in the city",
    ),
    (re.compile(r"连续(\d+)年"), lambda m: f"{m[1]} years running"),
    (
        re.compile(r"([一二三四五六七八九])[个個]"),
        lambda m: str("一二三四五六七八九".index(m[1]) + 1),
    ),
    (re.compile(r"“零[发發]生”"), lambda m: "zero (none occurred)"),
    (re.compile(r"^[无無]$"), lambda m: "none (0)"),
    (re.compile(r"超[过過]"), lambda m: "more than "),
    (
        re.compile(r"^([一二三四五六七八九十])年$"),
        lambda m: f"{'一二三四五六七八九十'.index(m[1]) + 1} years",
    ),
    (
        re.compile(r"^第([一二三四五六七八九十])名$"),
        lambda m: _ORDINALS[m[1]],
    ),
    (re.compile(r"^第(\d+)位$"), lambda m: f"place {m[1]}"),
    (
        re.compile(r"高于全省平均值([\d.]+)个百分点"),
        lambda m: f"{m[1]} points above the provincial mean",
    ),
    (re.compile(r"较(\d{4})年提升([\d.]+)个百分点"), lambda m: f"up {m[2]} points on {m[1]}"),
)


# A unit named in a title: "Disputes resolved (件)".
_UNIT_NAMED = re.compile(
    r"\((" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")\)"
)


def _ascii_unit(match: re.Match[str]) -> str:
    return f"({_UNITS[match[1]] or 'count'})"


def _ascii_number(match: re.Match[str]) -> str:
    number = match["number"]
    if not any(match[g] for g in ("change", "more", "magnitude", "more_after", "unit", "bound")):
        return match[0]  # a number alone: as written
    if match["magnitude"]:
        from decimal import Decimal

        scaled = Decimal(number.replace(",", "")) * _MAGNITUDES[match["magnitude"]]
        number = f"{scaled.normalize():,f}"
    unit = _UNITS.get(match["unit"] or "", "")
    text = number + unit if unit == "%" else f"{number} {unit}".rstrip()
    if match["more"] or match["more_after"] or match["bound"] == "以上":
        text = f"at least {text}"
    elif match["bound"] == "左右":
        text = f"about {text}"
    before, after = _CHANGES.get(match["change"] or "", ("", ""))
    return before + text + after


def _unit_word(unit: str) -> str:
    """A unit column's cell in English: households, cases; count for 个 (a bare count)."""
    if unit in _UNITS:
        return _UNITS[unit] or "count"
    return ascii_only_text(unit)


def ascii_figure(text: str) -> str:
    """A figure as written, in ASCII words (5.2万余户 -> at least 52,000 households; 同比下降10.6%
    -> down 10.6% year on year); anything unknown as \\uXXXX escapes."""
    if text.isascii():
        return text
    text = _GLOSS.sub("", text)
    for pattern, words in _PHRASES:
        text = pattern.sub(words, text)
    return ascii_only_text(_FIGURE.sub(_ascii_number, text))


def ascii_result(result: Result) -> Result:
    """The result's tables with only ASCII text: what --ascii draws. Figures (numeric columns)
    are written in words (ascii_figure), any other text with \\uXXXX escapes."""
    tables = [
        t._replace(
            title=ascii_only_text(_UNIT_NAMED.sub(_ascii_unit, t.title)) if t.title else None,
            columns=[c._replace(header=ascii_only_text(c.header)) for c in t.columns],
            rows=[
                {
                    c.key: _unit_word(row[c.key])
                    if c.key == "unit"
                    else (ascii_figure if c.numeric else ascii_only_text)(
                        row[c.key].replace(" · ", ": ")  # a status, then the units holding it
                    )
                    for c in t.columns
                    if c.key in row
                }
                for row in t.rows
            ],
        )
        for t in result.tables
    ]
    return result._replace(tables=tables)
