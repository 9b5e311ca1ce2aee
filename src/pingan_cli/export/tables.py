"""What the exported tables mean: titles, column descriptions, keys and searchable columns.

Shared by the SQLite export, its Datasette metadata and the Frictionless Data Package, so the
three describe the data in the same words. A column the store gains later is exported too, with
no description until one is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableInfo:
    """One exported table: its title, what a row is, and its columns' meaning."""

    title: str
    description: str
    columns: dict[str, str]
    # column -> (table, column) it refers to
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    # columns indexed for full-text search (names, quotes, descriptions)
    searchable: tuple[str, ...] = ()
    # the column Datasette shows for a row linked to from another table, by --lang
    label: dict[str, str] = field(default_factory=dict)


QUALIFIER = (
    "How exactly the source states the figure: exact; at_least (余, 多, 以上: the value is a "
    "floor, not the figure); approx (约, 左右: an approximation)."
)

TABLES: dict[str, TableInfo] = {
    "sources": TableInfo(
        title="Sources",
        description="The documents figures are taken from; every figure names one.",
        columns={
            "id": "The source's id.",
            "title": "The document's title.",
            "publisher": "Who published it.",
            "url": "Where it can be read.",
            "published": "When it was published (YYYY-MM or YYYY-MM-DD), if known.",
            "authors": "Reporters, by name (a JSON array).",
            "contributors": "Correspondents (通讯员) and others credited (a JSON array).",
            "language": "The document's language: zh or en.",
            "note": "pingan's note on the source.",
            "figures": "How many figures are taken from it.",
            "standing": "official: the issuing body's own page; republished: a copy on another "
            "site.",
            "original_publisher": "The body whose material the page carries (渭南日报), where "
            "the page says so.",
            "original_published": "When the original was issued, where known.",
        },
        searchable=("title", "publisher"),
        label={"zh": "title", "en": "title"},
    ),
    "regions": TableInfo(
        title="Regions",
        description="Weinan (渭南市), its counties and smaller units, and the agencies figures "
        "are filed under.",
        columns={
            "id": "The region's id (pinyin).",
            "name_zh": "Chinese name.",
            "name_en": "English name.",
            "aliases": "Other names it goes by (a JSON array).",
            "level": "province, city, county, township, community or agency.",
            "parent": "The region it belongs to.",
            "code": "Administrative division code, if it has one.",
            "note": "pingan's note on the region.",
            "position": "Order in the dataset.",
        },
        references={"parent": ("regions", "id")},
        searchable=("name_zh", "name_en", "aliases"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "region_tree": TableInfo(
        title="Region tree",
        description="Every region with each of its ancestors (itself at distance 0).",
        columns={
            "ancestor": "A region containing the other (or the region itself).",
            "region": "The region contained.",
            "distance": "Levels between them: 0 itself, 1 its parent, …",
        },
        references={"ancestor": ("regions", "id"), "region": ("regions", "id")},
    ),
    "region_names": TableInfo(
        title="Region names",
        description="Names and aliases, case-folded without spaces, that find a region.",
        columns={"name": "A folded name.", "region": "The region it names."},
        references={"region": ("regions", "id")},
    ),
    "indicators": TableInfo(
        title="Indicators",
        description="What is measured: each figure is of one indicator, in its unit.",
        columns={
            "id": "The indicator's id.",
            "name_zh": "Chinese name.",
            "name_en": "English name.",
            "unit": "The unit its figures are in (base units: 元, 户, 个, %…).",
            "category": "The subject it belongs to (mediation, fraud, …).",
            "kind": "level (how many) or change (how much more or less than before, signed).",
            "definition": "What exactly it counts.",
            "position": "Order in the dataset.",
            "figures": "How many figures there are of it.",
            "related": "Indicators that measure something close but different: do not compare "
            "them (a JSON array of ids).",
        },
        searchable=("name_zh", "name_en", "definition"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "observations": TableInfo(
        title="Figures",
        description="One figure a source states: for a region, an indicator and a period, with "
        "the clause it comes from. Read value with qualifier and display: 5.2万余户 is at least "
        "52,000, not 52,000. A figure not listed was not reported; it is not zero.",
        columns={
            "id": "The figure's number in this export.",
            "region": "The region it is about.",
            "indicator": "What it measures.",
            "period": "The period as pingan labels it: 2023, since 2023 (以来), 2018..2020, "
            "2022-01..2023-06, 2022-04.. (open-ended), to 2022 (start not stated), recent years "
            "to 2024.",
            "year": "The first calendar year of the period; empty when its start is not stated "
            "(to 2022).",
            "year_end": "The last calendar year of the period; empty while it is open (since "
            "2023).",
            "since": "1 when the figure counts from the start of the period up to the report "
            "(以来), else 0.",
            "period_start": "First month or day of a ranged period (YYYY-MM or YYYY-MM-DD).",
            "period_end": "Last month or day of a ranged period (YYYY-MM or YYYY-MM-DD).",
            "value": "The figure in base units (2.56亿元 is 256000000 元); a change is signed. "
            "Read it with qualifier.",
            "unit": "The unit of value: the indicator's unit.",
            "qualifier": QUALIFIER,
            "as_written": "The figure as the source wrote it (5.2万余户), when it was kept.",
            "display": "The figure as the source wrote it, else as pingan writes it with its "
            "qualifier (≥ at least, ≈ approximately).",
            "source": "The source it is taken from.",
            "quote": "The clause of the source that states it.",
            "note": "pingan's note: how the period was read, what the figure covers.",
        },
        references={
            "region": ("regions", "id"),
            "indicator": ("indicators", "id"),
            "source": ("sources", "id"),
        },
        searchable=("quote", "as_written", "note"),
    ),
    "designations": TableInfo(
        title="Honours",
        description="Designations conferred on regions (2023年度平安县, 平安银鼎…). Where "
        "complete is 0 the list of recipients is partial: a region in scope not listed is "
        "unknown, never 'not designated'.",
        columns={
            "id": "The honour's id.",
            "title_zh": "Chinese title.",
            "title_en": "English title.",
            "year": "The year it is for.",
            "conferred_on": "When it was conferred (YYYY-MM or YYYY-MM-DD), if known.",
            "conferred_by": "Who conferred it.",
            "level": "national, provincial, city or county.",
            "scope": "The region whose units the recipient list is about.",
            "total": "How many were honoured in scope, when the source says.",
            "complete": "1 when the recipients listed are all of them, 0 when only some are named.",
            "practices": "The practices it was given for (a JSON array of ids).",
            "source": "The source that reports it.",
            "quote": "The clause of the source that reports it.",
            "position": "Order in the dataset.",
            "recipient_level": "The level of the units honoured (county …), where none is named.",
            "note": "pingan's note on the honour.",
        },
        references={"scope": ("regions", "id"), "source": ("sources", "id")},
        searchable=("title_zh", "title_en", "quote"),
        label={"zh": "title_zh", "en": "title_en"},
    ),
    "designation_recipients": TableInfo(
        title="Honour recipients",
        description="The regions an honour names; see designations.complete for whether the "
        "list is whole.",
        columns={
            "designation": "The honour.",
            "region": "A region it names.",
            "position": "Order in the source's list.",
        },
        references={"designation": ("designations", "id"), "region": ("regions", "id")},
    ),
    "practices": TableInfo(
        title="Practices",
        description="Named practices, mechanisms, reforms and campaigns of a region.",
        columns={
            "id": "The practice's id.",
            "name_zh": "Chinese name.",
            "name_en": "English name.",
            "kind": "practice, mechanism, reform, campaign or policy_document.",
            "region": "The region it belongs to.",
            "since": "When it began (YYYY-MM or YYYY-MM-DD), if known.",
            "description": "What it is, in pingan's words.",
            "source": "The source that reports it.",
            "quote": "The clause of the source that reports it.",
            "position": "Order in the dataset.",
        },
        references={"region": ("regions", "id"), "source": ("sources", "id")},
        searchable=("name_zh", "name_en", "description", "quote"),
        label={"zh": "name_zh", "en": "name_en"},
    ),
    "meta": TableInfo(
        title="About this export",
        description="Which pingan wrote this export, from which data files (by name).",
        columns={"key": "What is recorded.", "value": "Its value."},
    ),
}


def fts_name(table: str) -> str:
    """The full-text index of a table, named as Datasette and sqlite-utils name it."""
    return f"{table}_fts"
