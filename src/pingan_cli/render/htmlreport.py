"""A report as one self-contained HTML page: nothing is fetched to view it, print it or send it.

Styles are inline, fonts are those installed (with CJK fallbacks), charts are inline SVG. Every
figure shows its qualifier and links its source page; every conflict gets a numbered footnote. The
page prints on A4 (source URLs spelled out) and reflows on a phone (wide tables scroll).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records.charts import Chart, ChartValue, Honour, Profile, Report, SourceLink, words
from ..records.numbers import Qualifier, Units
from .fonts import SANS
from .svgcharts import bar_chart_svg, xml_text

# Narrow enough that a phone shrinks the chart's 14 px text no further than ~10 px.
CHART_WIDTH = 480

_LABELS = {
    "en": {
        "profiles": "Region profiles",
        "rankings": "Rankings",
        "trends": "Trends",
        "honours": "Honours",
        "notes": "Disagreements",
        "notes_intro": "Figures that sources give otherwise, or that arithmetic on stated figures "
        "contradicts; `pingan conflicts` lists each with its quotes.",
        "indicator": "Indicator",
        "value": "Value",
        "region": "Region",
        "period": "Period",
        "honour": "Honour",
        "year": "Year",
        "recipients": "Recipients",
        "partial": "partial list: others unknown",
        "total": "{total} in all",
        "unnamed": "names not given",
        "legend": "≥ at least · ≈ approximately · a numbered mark leads to a note where sources "
        "disagree · not reported and unknown are never zero",
        "back": "back",
        "sources": "Sources",
        "source": "Source",
    },
    "zh": {
        "profiles": "地区概况",
        "rankings": "排名",
        "trends": "趋势",
        "honours": "荣誉",
        "notes": "数字不一致",
        "notes_intro": "来源给出不同数字，或按算术与其他所载数字相矛盾的数字：与命令行列出的不一致"
        "清单相同，逐条附原文。",
        "indicator": "指标",
        "value": "数值",
        "region": "地区",
        "period": "时期",
        "honour": "荣誉",
        "year": "年份",
        "recipients": "获得者",
        "partial": "名单不全：其他不详",
        "total": "共{total}个",
        "unnamed": "未列名单",
        "legend": "≥ 至少 · ≈ 约 · 带编号的标记指向来源不一致的注释 · 未报告与不详都不是零",
        "back": "返回",
        "sources": "来源",
        "source": "来源",
    },
}

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: %(sans)s; color: #1a202c; background: #fff; line-height: 1.5;
  max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #2b6cb0; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.subtitle, .legend { color: #4a5568; margin: .25rem 0; }
.legend { font-size: .9rem; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; width: 100%%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #e2e8f0; }
th { background: #f7fafc; font-weight: 600; }
th, td.num, td.label { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.missing { color: #4a5568; font-style: italic; }
.q { color: #4a5568; font-size: .8em; margin-left: .25em; }
sup a { color: #c53030; font-weight: bold; text-decoration: none; }
a.src { color: #4a5568; text-decoration: none; white-space: nowrap; }
.sources li { margin-bottom: .35rem; }
.sources .url { color: #4a5568; font-size: .85em; word-break: break-all; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%%; height: auto; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
.notes li { margin-bottom: .5rem; }
a { color: #2b6cb0; }
@media (max-width: 40rem) {
  body { padding: 1rem .6rem; font-size: 15px; }
  th, td { padding: .25rem .3rem; }
  td.label { white-space: normal; }
  td { overflow-wrap: anywhere; }
  .q { display: block; }
}
@media print {
  @page { size: A4; margin: 15mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  figure, tr, .notes li { break-inside: avoid; }
  .wide { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .notes a.back { display: none; }
}
"""


@dataclass
class _Notes:
    """Disagreement footnotes in the order their marks appear on the page."""

    items: list[tuple[str, ChartValue]] = field(default_factory=list)

    def mark(self, context: str, figure: ChartValue) -> str:
        if figure.conflict is None:
            return ""
        self.items.append((context, figure))
        n = len(self.items)
        return f'<sup><a href="#note-{n}" id="ref-{n}">{n}</a></sup>'


@dataclass
class _Sources:
    """Source pages in the order the page first cites them: each a number, listed once at the
    end with its title and address (a long title and URL repeated in every row squeezed the
    other columns, in print to a few characters)."""

    numbers: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def cite(self, source: SourceLink | None) -> str:
        if source is None:
            return ""
        key = (source.title, source.url)
        n = self.numbers.setdefault(key, len(self.numbers) + 1)
        return f'<a class="src" href="#source-{n}">[{n}]</a>'


def render_report(report: Report, units: Units = Units.plain) -> str:
    """The report as one HTML document."""
    lang = "zh" if report.lang == "zh" else "en"
    label = _LABELS[lang]
    notes = _Notes()
    sources = _Sources()
    body: list[str] = [f"<header><h1>{xml_text(report.title)}</h1>"]
    if report.subtitle:
        body.append(f'<p class="subtitle">{xml_text(report.subtitle)}</p>')
    body.extend(f'<p class="subtitle remark">{xml_text(r)}</p>' for r in report.remarks)
    body.append(f'<p class="legend">{xml_text(label["legend"])}</p></header>')
    if report.profiles:
        body.append(f'<section id="profiles"><h2>{label["profiles"]}</h2>')
        body.extend(_profile(p, lang, units, notes, sources) for p in report.profiles)
        body.append("</section>")
    for key, charts, head in (
        ("rankings", report.rankings, label["region"]),
        ("trends", report.trends, label["period"]),
    ):
        if charts:
            body.append(f'<section id="{key}"><h2>{label[key]}</h2>')
            body.extend(_chart(c, head, lang, units, notes, sources) for c in charts)
            body.append("</section>")
    if report.honours:
        body.append(f'<section id="honours"><h2>{label["honours"]}</h2>')
        body.append(_honours(report.honours, lang, sources))
        body.append("</section>")
    if notes.items:
        body.append(_footnotes(notes, lang, sources))
    if sources.numbers:
        body.append(_source_list(sources, lang))
    css = _CSS % {"sans": SANS}
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{xml_text(report.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _profile(profile: Profile, lang: str, units: Units, notes: _Notes, sources: _Sources) -> str:
    label = _LABELS[lang]
    rows = [
        f'<tr><td class="label">{xml_text(f.label)}</td>'
        f"{_value_cell(f, lang, units, notes, profile.title)}<td>{sources.cite(f.source)}</td></tr>"
        for f in profile.figures
    ]
    return (
        f"<h3>{xml_text(profile.title)}</h3>\n"
        f'<div class="wide"><table><thead><tr><th>{label["indicator"]}</th>'
        f'<th class="num">{label["value"]}</th><th>{label["source"]}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>" + _legend(profile.legend)
    )


def _legend(lines: tuple[str, ...]) -> str:
    """What the values' period marks ([a]) say, under their table."""
    return "".join(f'<p class="legend period">{xml_text(line)}</p>' for line in lines)


def _chart(
    chart: Chart, head: str, lang: str, units: Units, notes: _Notes, sources: _Sources
) -> str:
    label = _LABELS[lang]
    said = words(lang)
    ranked = any(f.rank is not None for f in chart.figures)
    shared = any(f.share for f in chart.figures)
    heads = (
        (f'<th class="num">{said["rank"].capitalize()}</th>' if ranked else "")
        + f"<th>{head}</th>"
        + f'<th class="num">{label["value"]}</th>'
        + (f'<th class="num">{said["share"].capitalize()}</th>' if shared else "")
        + f"<th>{label['source']}</th>"
    )
    rows = []
    for f in chart.figures:
        rank = f'<td class="num">{f.rank if f.rank is not None else ""}</td>' if ranked else ""
        share = f'<td class="num">{xml_text(f.share or "")}</td>' if shared else ""
        value = _value_cell(f, lang, units, notes, chart.title)
        rows.append(
            f'<tr>{rank}<td class="label">{xml_text(f.label)}</td>{value}{share}'
            f"<td>{sources.cite(f.source)}</td></tr>"
        )
    title = chart.title + (f" ({chart.unit})" if chart.unit else "")
    svg = bar_chart_svg(chart, CHART_WIDTH, units, lang, footnotes=False, title=False)
    note = f'<p class="subtitle">{xml_text(chart.note)}</p>' if chart.note else ""
    return (
        f"<figure><figcaption>{xml_text(title)}</figcaption>\n{svg}{note}</figure>\n"
        f'<div class="wide"><table><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>" + _legend(chart.legend)
    )


def _value_cell(figure: ChartValue, lang: str, units: Units, notes: _Notes, context: str) -> str:
    said = words(lang)
    if figure.value is None:
        cell = f'<span class="missing">{xml_text(said[figure.missing])}</span>'
    else:
        cell = xml_text(figure.shown(units) + (f" {figure.mark}" if figure.mark else ""))
        if figure.qualifier is not Qualifier.exact:
            cell += f'<span class="q">({xml_text(said[figure.qualifier.value])})</span>'
    return f'<td class="num">{cell}{notes.mark(context, figure)}</td>'


def _source(source: SourceLink | None) -> str:
    if source is None:
        return ""
    title = xml_text(source.title)
    if source.url and source.url.startswith(("http://", "https://")):
        return f'<a href="{xml_text(source.url)}">{title}</a>'
    return title


def _honours(honours: tuple[Honour, ...], lang: str, sources: _Sources) -> str:
    label = _LABELS[lang]
    rows = []
    for honour in honours:
        named = "、".join(xml_text(r) for r in honour.recipients)
        extra = []
        if honour.total is not None:
            extra.append(label["total"].format(total=honour.total))
        if not honour.recipients:
            extra.append(label["unnamed"])
        elif not honour.complete:
            extra.append(label["partial"])
        said = named + (f' <span class="q">({"; ".join(extra)})</span>' if extra else "")
        rows.append(
            f"<tr><td>{xml_text(honour.title)}</td><td>{xml_text(honour.year)}</td>"
            f"<td>{said}</td><td>{sources.cite(honour.source)}</td></tr>"
        )
    return (
        f'<div class="wide"><table><thead><tr><th>{label["honour"]}</th><th>{label["year"]}</th>'
        f"<th>{label['recipients']}</th><th>{label['source']}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _footnotes(notes: _Notes, lang: str, cited: _Sources) -> str:
    label = _LABELS[lang]
    said = words(lang)
    items = []
    for n, (context, figure) in enumerate(notes.items, start=1):
        assert figure.conflict is not None
        sources = " ".join(cited.cite(s) for s in figure.conflict.sources)
        items.append(
            f'<li id="note-{n}">{xml_text(context)} · {xml_text(figure.label)}: '
            f"{xml_text(said['conflict'])}: {xml_text(figure.conflict.note)}"
            + (f" ({label['sources']}: {sources})" if sources else "")
            + f' <a class="back" href="#ref-{n}">↩ {label["back"]}</a></li>'
        )
    return (
        f'<section id="notes" class="notes"><h2>{label["notes"]}</h2>'
        f'<p class="subtitle">{xml_text(label["notes_intro"])}</p><ol>'
        + "".join(items)
        + "</ol></section>"
    )


def _source_list(sources: _Sources, lang: str) -> str:
    """Every source page cited, numbered as the marks in the tables, with its address."""
    items = []
    for (title, url), n in sources.numbers.items():
        shown = _source(SourceLink(title, url))
        address = (
            f' <span class="url">{xml_text(url)}</span>'
            if url and url.startswith(("http://", "https://"))
            else ""
        )
        items.append(f'<li id="source-{n}">{shown}{address}</li>')
    return (
        f'<section id="sources" class="sources"><h2>{_LABELS[lang]["sources"]}</h2><ol>'
        + "".join(items)
        + "</ol></section>"
    )
