"""`--format html`: a command's tables (or charts) as one self-contained HTML page.

Tables are <table>s, charts inline SVG; styles are inline and fonts those installed, so the page
fetches nothing. Every text is escaped (controls and bidi overrides shown as visible escapes).
"""

from __future__ import annotations

from ..records.charts import Chart
from ..result import Result, Table
from .fonts import SANS
from .svgcharts import bar_chart_svg, xml_text

CHART_WIDTH = 640

_CSS = """
* { box-sizing: border-box; }
body { font-family: %(sans)s; color: #1a202c; background: #fff; line-height: 1.45;
  margin: 0 auto; padding: 1rem; max-width: 72rem; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .6rem;
  border-bottom: 1px solid #e2e8f0; }
th { background: #f7fafc; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%%; height: auto; }
"""


def page_lang(lang: str) -> str:
    """The lang attribute of a page whose names are in lang: zh-Hans (simplified Chinese, so a
    browser picks a Chinese font for it) or en."""
    return "zh-Hans" if lang == "zh" else "en"


def _page(title: str, body: str, lang: str) -> str:
    css = _CSS % {"sans": SANS}
    return (
        f'<!DOCTYPE html>\n<html lang="{page_lang(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{xml_text(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _table(table: Table) -> str:
    caption = f"<caption>{xml_text(table.title)}</caption>" if table.title else ""
    numeric = {c.key for c in table.columns if c.numeric}

    def attrs(key: str) -> str:
        return ' class="num"' if key in numeric else ""

    head = ""
    if table.show_header:
        head = (
            "<thead><tr>"
            + "".join(f"<th{attrs(c.key)}>{xml_text(c.header)}</th>" for c in table.columns)
            + "</tr></thead>"
        )
    rows = "".join(
        "<tr>"
        + "".join(f"<td{attrs(c.key)}>{xml_text(row.get(c.key, ''))}</td>" for c in table.columns)
        + "</tr>\n"
        for row in table.rows
    )
    return f'<div class="wide"><table>{caption}{head}<tbody>\n{rows}</tbody></table></div>\n'


def render_html(result: Result, lang: str = "en") -> str:
    """The result's tables as one HTML page; lang is the language of its names."""
    title = next((t.title for t in result.tables if t.title), None) or "pingan"
    return _page(title, "".join(_table(t) for t in result.tables), lang)


def render_charts_html(charts: list[Chart], lang: str = "en", words: str = "en") -> str:
    """Bar charts as one HTML page, each an inline SVG with its notes; lang is the language of
    the names, words that of the charts' own words (not reported, sources disagree)."""
    title = charts[0].title if charts else "pingan"
    body = "".join(
        f"<figure>\n{bar_chart_svg(chart, CHART_WIDTH, lang=words)}</figure>\n" for chart in charts
    )
    return _page(title, body, lang)
