"""The API's records turned into what charts and the HTML report draw (chartdata's records).

`comparison_charts` makes a bar chart per indicator of a comparison (`compare --chart`);
`build_report` asks a dataset for a report's profiles, rankings, trends and honours. Figures the
sources disagree on (two sources, one region, indicator and period, different values: the
store's `conflicts` view) carry the disagreement, so every renderer can footnote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from ..records import ArithmeticConflict, Cell, Comparison, Designation, Figure, Region, Source
from ..records.charts import Chart, ChartValue, Disagreement, Honour, Profile, Report, SourceLink
from ..records.numbers import Qualifier, Units, decimal_of
from ..records.rankings import RankedRegion, Ranking, Trend
from .periods import Legend
from .rankings import ranking_chart, trend_charts, written

# A ranking needs this many of the chosen regions of one level reporting the indicator in the
# year; a trend this many calendar years of one region.
MIN_RANKED = 3
MIN_PERIODS = 3
_YEAR = re.compile(r"\d{4}")

_WORDS = {
    "en": {
        "title": "Ping'an construction: {names}, {year}",
        "city_title": "Ping'an construction in {city} and its counties, {year}",
        "more": "{names} and {n} more",
        "comma": ", ",
        "subtitle": "Figures of {year} (periods within {year}, or running on from it to the "
        "report) for {count} regions; each with the clause's source page. Trends cover the "
        "calendar years reported: a figure of another span (a campaign, a total since a year) "
        "is not lined up with them.",
        "no_ranking": "No indicator is reported by {n} or more regions of one level for {year}, "
        "so there is no ranking.",
        "no_trend": "No region reports an indicator for {n} or more calendar years, so there is "
        "no trend.",
        "no_figures": "No figures of {year} for: {names}.",
        "reports": "{source} gives {display}",
    },
    "zh": {
        "title": "{names}平安建设 {year}",
        "city_title": "{city}及所辖县（市、区）平安建设 {year}",
        "more": "{names}等{count}个地区",
        "comma": "、",
        "subtitle": "{year}年的数字（期间在{year}年内，或自{year}年起至报告时），共{count}个地区；"
        "每个数字附来源页面。趋势只含已报告的日历年份：其他期间的数字（专项行动、某年以来的累计）不与之并列。",
        "no_ranking": "{year}年没有指标由同一级别的{n}个及以上地区报告，故无排名。",
        "no_trend": "没有地区就同一指标报告{n}个及以上日历年份，故无趋势。",
        "no_figures": "{year}年无数字：{names}。",
        "reports": "{source}为{display}",
    },
}


class Answers(Protocol):
    """What a report asks of a dataset (api.Dataset answers all of it)."""

    lang: str

    def figures(
        self, region: str | Sequence[str] | None = None, *, year: int | None = None
    ) -> list[Figure]: ...

    def rank(self, indicator: str, year: int | None = None, level: str = "county") -> Ranking: ...

    def trend(self, region: str, *indicators: str) -> list[Trend]: ...

    def designations(self, year: int | None = None) -> list[Designation]: ...

    def regions(self, level: str | None = None, within: str | None = None) -> list[Region]: ...

    def sources(self) -> list[Source]: ...

    def arithmetic_conflicts(self) -> Sequence[ArithmeticConflict]: ...


def _words(lang: str) -> dict[str, str]:
    return _WORDS["zh" if lang == "zh" else "en"]


# Period labels in Chinese (the store writes them in English: load/models.py, Period.label).
_PERIODS_ZH = (
    (re.compile(r"^since (\d{4})$"), r"\1年以来"),
    (re.compile(r"^recent years to (\d{4})$"), r"近年来至\1年"),
    (re.compile(r"^recent years to (\S+)$"), r"近年来至\1"),
    (re.compile(r"^to (\d{4})$"), r"截至\1年"),
    (re.compile(r"^to (\S+)$"), r"截至\1"),
    (re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)\.\.$"), r"\1起"),
)
# How the data mark a title that is their own description of a page showing none.
_TITLE_MARKS_ZH = (
    (re.compile(r" \(untitled copy\)$"), "（转载页，原无标题）"),
    (re.compile(r" \((.+), untitled copy\)$"), r"（\1，转载页，原无标题）"),
    (re.compile(r" \(our title\)$"), "（原无标题，标题为本数据所拟）"),
)


def period_label(period: str, lang: str) -> str:
    """A period as a reader of lang writes it: since 2023 is 2023年以来 in Chinese."""
    if lang != "zh":
        return period
    for pattern, chinese in _PERIODS_ZH:
        if pattern.match(period):
            return pattern.sub(chinese, period)
    return period


def source_title(title: str, lang: str) -> str:
    """A source's title; in Chinese, the data's English note on a title they made up, in
    Chinese too (渭南公安2020年 (untitled copy): 渭南公安2020年（转载页，原无标题）)."""
    if lang != "zh":
        return title
    for pattern, chinese in _TITLE_MARKS_ZH:
        if pattern.search(title):
            return pattern.sub(chinese, title)
    return title


# --- compare --chart ------------------------------------------------------------------------------


def comparison_charts(
    comparison: Comparison,
    sources: Sequence[Source] = (),
    units: Units | None = None,
    kinds: dict[str, str] | None = None,
    lang: str = "zh",
) -> list[Chart]:
    """A chart per indicator of a comparison: a bar per region, scaled per indicator.

    A region that does not report the indicator is written "not reported", never a bar of 0; a
    cell with a second source's different figure is marked as a conflict. Figures are as the
    sources wrote them, or (units chosen) written alike with their qualifier: ≥52,000件.
    """
    kinds = kinds or {}
    links = {s.id: s for s in sources}
    charts = []
    for column in comparison.indicators:
        legend = Legend(lang, comparison.year)
        figures = []
        unit = ""
        for row in comparison.rows:
            cell = row.indicators.get(column.id)
            if cell is None:
                figures.append(ChartValue(row.name, None))
                continue
            unit = cell.unit
            kind = kinds.get(column.id.split("@")[0], "level")
            mark = legend.mark(cell.period, cell.measure, cell.period_end, cell.period_end_from)
            figures.append(replace(_cell_figure(row.name, cell, links, units, kind), mark=mark))
        charts.append(Chart(column.name, tuple(figures), unit=unit, legend=tuple(legend.lines())))
    return charts


def _cell_figure(
    label: str, cell: Cell, links: dict[str, Source], units: Units | None, kind: str
) -> ChartValue:
    differing = tuple(
        a for a in cell.alternatives if a.value != cell.value or a.qualifier != cell.qualifier
    )
    conflict = None
    if differing:
        conflict = Disagreement(
            "; ".join(f"{a.display} ({_title(a.source, links)})" for a in differing),
            tuple(_link(a.source, links) for a in differing),
        )
    qualifier = Qualifier(cell.qualifier)
    text = cell.display
    if units is not None:
        text = written(cell.value, cell.unit, qualifier, kind, units)
    return ChartValue(
        label, cell.value, qualifier, text, conflict=conflict, source=_link(cell.source, links)
    )


def _title(source: str, links: dict[str, Source]) -> str:
    found = links.get(source)
    return found.title if found else source


def _link(source: str, links: dict[str, Source], clause: str | None = None) -> SourceLink:
    found = links.get(source)
    if found is None:
        return SourceLink(source, None, clause)
    return SourceLink(found.title, found.url, clause)


# --- the report -----------------------------------------------------------------------------------


def build_report(data: Answers, regions: Sequence[Region] = (), year: int | None = None) -> Report:
    """A report on regions (default: the first city and its counties) for a year.

    The year defaults to the one with most figures for the regions (the latest of equals).
    Rankings: every indicator that MIN_RANKED or more of the regions of one level report in the
    year. Trends: every indicator a region reports for MIN_PERIODS or more calendar years, drawn
    from those years only (a campaign's weeks or a total since a year are another span).
    """
    lang = "zh" if data.lang == "zh" else "en"
    said = _words(lang)
    chosen = list(regions) or _default_regions(data)
    ids = [r.id for r in chosen]
    links = {s.id: s._replace(title=source_title(s.title, lang)) for s in data.sources()}
    if year is None:
        year = _busiest_year(data, ids)
    if regions or not chosen:
        title = said["title"].format(names=_names(chosen, said), year=year or "")
    else:
        title = said["city_title"].format(city=chosen[0].name, year=year or "")
    profiles, empty, reported = _profiles(data, chosen, year, links, lang, _flagged(data, links))
    rankings = _rankings(data, chosen, year, reported, links, lang)
    flagged = _flagged(data, links)
    trends = tuple(_titled(_named_in_note(c, links), links) for c in _trends(data, chosen, flagged))
    within = {r.id: {a.id for a in data.regions(within=r.id)} for r in chosen}
    inside = set().union(*within.values()) if within else set()
    honours = tuple(
        _honour(d, links) for d in data.designations(year) if _concerns(d, ids, inside, data)
    )
    remarks = []
    if empty:
        remarks.append(said["no_figures"].format(year=year, names=said["comma"].join(empty)))
    if not rankings:
        remarks.append(said["no_ranking"].format(n=MIN_RANKED, year=year))
    if not trends:
        remarks.append(said["no_trend"].format(n=MIN_PERIODS))
    return Report(
        title=title.strip(" ,"),
        profiles=profiles,
        rankings=rankings,
        trends=trends,
        honours=honours,
        subtitle=said["subtitle"].format(year=year, count=len(chosen)),
        lang=lang,
        remarks=tuple(remarks),
    )


def _names(chosen: list[Region], said: dict[str, str]) -> str:
    shown = said["comma"].join(r.name for r in chosen[:4])
    if len(chosen) <= 4:
        return shown
    return said["more"].format(names=shown, n=len(chosen) - 4, count=len(chosen))


def _default_regions(data: Answers) -> list[Region]:
    cities = data.regions("city")
    if not cities:
        return data.regions()
    return [cities[0], *data.regions("county", cities[0].id)]


def _busiest_year(data: Answers, ids: list[str]) -> int | None:
    years = {int(y) for f in data.figures(ids) for y in _YEAR.findall(f.period)}
    counted = [(len(data.figures(ids, year=y)), y) for y in sorted(years)]
    return max(counted)[1] if counted else None


def _profiles(
    data: Answers,
    chosen: list[Region],
    year: int | None,
    links: dict[str, Source],
    lang: str,
    flagged: Flagged,
) -> tuple[tuple[Profile, ...], list[str], dict[str, set[str]]]:
    """Each region's figures of the year (sub-units' labelled), the regions with none, and who
    reports each indicator (the regions themselves, not their sub-units)."""
    ids = {r.id for r in chosen}
    below = {r.id: {s.id for s in data.regions(within=r.id)} - {r.id} for r in chosen}
    profiles = []
    empty = []
    reported: dict[str, set[str]] = {}
    for region in chosen:
        # A sub-unit's figure goes to the innermost chosen region above it.
        inner = set().union(*(below[c] for c in below[region.id] & ids), below[region.id] & ids)
        found = [
            f
            for f in data.figures(region.id, year=year)
            if f.region == region.id or f.region not in inner
        ]
        for f in found:
            if f.region == region.id:
                reported.setdefault(f.indicator, set()).add(region.id)
        legend = Legend(lang, year)
        figures = tuple(_grouped(found, region.id, year, links, data.lang, legend, flagged))
        if figures:
            profiles.append(Profile(region.name, figures, tuple(legend.lines())))
        else:
            empty.append(region.name)
    return tuple(profiles), empty, reported


def _grouped(
    found: list[Figure],
    region: str,
    year: int | None,
    links: dict[str, Source],
    lang: str,
    legend: Legend,
    flagged: Flagged,
) -> list[ChartValue]:
    """One line per region, indicator and period; other sources' differing figures a conflict."""
    groups: dict[tuple[str, str, str], list[Figure]] = {}
    for f in found:
        groups.setdefault((f.region, f.indicator, f.period), []).append(f)
    lines = []
    for (unit, _, period), group in groups.items():
        first = group[0]
        label = first.indicator_name
        if unit != region:
            label = f"{first.region_name} · {label}"
        if period != str(year):
            label += f" ({period_label(period, lang)})"
        mark = legend.mark(first.period, first.measure, first.period_end, first.period_end_from)
        line = replace(_figure(label, first, group[1:], links), mark=mark)
        lines.append(_flag(line, flagged, (first.region, first.indicator, period, first.source)))
    return lines


def _figure(
    label: str, first: Figure, others: list[Figure], links: dict[str, Source]
) -> ChartValue:
    differing = [
        o
        for o in others
        if o.source != first.source and (o.value != first.value or o.qualifier != first.qualifier)
    ]
    conflict = None
    if differing:
        conflict = Disagreement(
            "; ".join(f"{_title(o.source, links)}: {o.display}" for o in differing),
            tuple(_link(o.source, links, o.quote) for o in differing),
        )
    return ChartValue(
        label,
        first.value,
        Qualifier(first.qualifier),
        first.display,
        conflict=conflict,
        source=_link(first.source, links, first.quote),
    )


def _rankings(
    data: Answers,
    chosen: list[Region],
    year: int | None,
    reported: dict[str, set[str]],
    links: dict[str, Source],
    lang: str,
) -> tuple[Chart, ...]:
    if year is None:
        return ()
    levels: dict[str, set[str]] = {}
    for region in chosen:
        levels.setdefault(region.level, set()).add(region.id)
    charts = []
    for indicator, who in reported.items():
        for level, members in levels.items():
            if len(who & members) >= MIN_RANKED:
                ranking = _among(data.rank(indicator, year, level), members)
                charts.append(_titled(ranking_chart(ranking, lang=lang), links))
    return tuple(charts)


def _titled(chart: Chart, links: dict[str, Source]) -> Chart:
    """The chart with its sources named by their titles rather than their ids."""

    def named(link: SourceLink | None) -> SourceLink | None:
        found = links.get(link.title) if link is not None else None
        if link is None or found is None:
            return link
        return SourceLink(found.title, found.url, link.clause)

    def figure(f: ChartValue) -> ChartValue:
        conflict = f.conflict
        if conflict is not None:
            sources = tuple(named(s) or s for s in conflict.sources)
            conflict = Disagreement(conflict.note, sources)
        return replace(f, source=named(f.source), conflict=conflict)

    return replace(chart, figures=tuple(figure(f) for f in chart.figures))


def _named_in_note(chart: Chart, links: dict[str, Source]) -> Chart:
    """The chart's note naming its sources by title, as the report's tables do, not by id."""
    if not chart.note:
        return chart
    note = chart.note
    for source_id, source in links.items():
        note = re.sub(rf"(?<![\w-]){re.escape(source_id)}(?![A-Za-z0-9_-])", source.title, note)
    return replace(chart, note=note)


def _among(ranking: Ranking, members: set[str]) -> Ranking:
    """The ranking of the chosen regions only, ranked again among themselves (ties shared)."""
    kept = [r for r in ranking.regions if r.region in members]
    placed: list[RankedRegion] = []
    ranked = [r for r in kept if r.reading is not None]
    for index, entry in enumerate(ranked):
        assert entry.reading is not None
        previous = ranked[index - 1].reading if index else None
        tied = previous is not None and decimal_of(previous.value) == decimal_of(
            entry.reading.value
        )
        place = placed[-1].rank if tied else index + 1
        placed.append(replace(entry, rank=place))
    placed.extend(r for r in kept if r.reading is None)
    return replace(ranking, regions=tuple(placed))


def _trends(data: Answers, chosen: list[Region], flagged: Flagged) -> tuple[Chart, ...]:
    charts: list[Chart] = []
    for region in chosen:
        yearly = [
            replace(t, points=tuple(p for p in t.points if p.calendar_year))
            for t in data.trend(region.id)
        ]
        long = [t for t in yearly if len(t.points) >= MIN_PERIODS]
        charted = trend_charts(long, lang=data.lang, listed=False)
        for trend, chart in zip(long, charted, strict=True):
            periods = tuple(
                _flag(
                    replace(f, label=period_label(f.label, data.lang)),
                    flagged,
                    (trend.region, trend.indicator, point.reading.period, point.reading.source),
                )
                for f, point in zip(chart.figures, trend.points, strict=True)
            )
            charts.append(replace(chart, figures=periods))
    return tuple(charts)


# A stated figure (region, indicator, period, source) -> what arithmetic shows against it.
Flagged = dict[tuple[str, str, str, str], Disagreement]


def _flagged(data: Answers, links: dict[str, Source]) -> Flagged:
    """Each figure that `pingan conflicts` finds disagreeing by arithmetic, with the report's
    words for it (in its language, sources by their titles)."""
    found: Flagged = {}
    for conflict in data.arithmetic_conflicts():
        note = Disagreement(
            _arithmetic_note(conflict, data.lang),
            tuple(
                _link(source, links)
                for source in dict.fromkeys(f.source for f in (conflict.stated, *conflict.figures))
            ),
        )
        for f in (conflict.stated, *conflict.figures):
            found.setdefault((f.region, f.indicator, f.period, f.source), note)
    return found


def _arithmetic_note(conflict: ArithmeticConflict, lang: str) -> str:
    stated, figures, computed = conflict.stated, conflict.figures, conflict.computed_display
    if conflict.kind == "change":
        before, after = figures
        if lang == "zh":
            return (
                f"按算术：{after.display}（{after.period}）与{before.display}（{before.period}）"
                f"之差为{computed}，而所载变化为{stated.display}"
            )
        return (
            f"by arithmetic: {after.display} ({after.period}) against {before.display} "
            f"({before.period}) is {computed}, where the page states {stated.display}"
        )
    if conflict.kind == "parts":
        if lang == "zh":
            return f"按算术：所辖地区之和为{computed}，多于本级所载的{stated.display}"
        return (
            f"by arithmetic: its parts add up to {computed}, more than the {stated.display} "
            "stated for the whole"
        )
    (part,) = figures
    if lang == "zh":
        return (
            f"按算术：{part.display}（{part.period}）多于包含该期间的{stated.display}"
            f"（{stated.period}）"
        )
    return (
        f"by arithmetic: {part.display} ({part.period}) is more than {stated.display} for "
        f"{stated.period}, a period that holds it"
    )


def _flag(figure: ChartValue, flagged: Flagged, key: tuple[str, str, str, str]) -> ChartValue:
    """The figure with arithmetic's disagreement as its note, where it has no other."""
    note = flagged.get(key)
    if note is None or figure.conflict is not None:
        return figure
    return replace(figure, conflict=note)


def _concerns(designation: Designation, ids: list[str], inside: set[str], data: Answers) -> bool:
    """An honour of the report: one of the regions (or a unit inside one) received it, it was
    given among them, or among regions one of them belongs to (a county's report shows the
    honours its city gave its counties: yes, no or unknown for it too)."""
    if set(designation.recipients) & (set(ids) | inside) or designation.scope in ids:
        return True
    if designation.scope is None:
        return False
    return bool({r.id for r in data.regions(within=designation.scope)} & set(ids))


def _honour(designation: Designation, links: dict[str, Source]) -> Honour:
    return Honour(
        designation.title,
        "" if designation.year is None else str(designation.year),
        designation.recipient_names,
        designation.complete,
        designation.total,
        _link(designation.source, links, designation.quote),
    )
