"""The store's tables, one column map a table: each column's SQL, its meaning, and its value.

The build creates the tables from these maps and fills them from the validated entries; the
export describes them in the same words (export/tables.py adds only what exporting needs).
The columns are documented for people in docs/data-format.md ("The store").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

# An entry (a model of the data file) and its position in its section -> the stored value.
Fill = Callable[[Any, int], Any]


class StoreColumn(NamedTuple):
    """One column: its name, its SQL type and constraints, what it holds, and how an entry's row
    gets its value (None: the build fills it some other way)."""

    name: str
    sql: str
    description: str
    fill: Fill | None = None


class StoreTable(NamedTuple):
    """One table: a title, what a row is, its columns, and what follows the columns in SQL."""

    name: str
    title: str
    description: str
    columns: tuple[StoreColumn, ...]
    # Table constraints and options, after the columns: a composite key, WITHOUT ROWID.
    key: str = ""
    options: str = ""

    def create(self) -> str:
        """The CREATE TABLE statement."""
        parts = [f"{c.name} {c.sql}".rstrip() for c in self.columns]
        if self.key:
            parts.append(self.key)
        return f"CREATE TABLE {self.name} (\n    {', '.join(parts)}\n){self.options};"

    def insert(self) -> str:
        """The INSERT statement for the columns filled from entries, in map order."""
        filled = [c.name for c in self.columns if c.fill is not None]
        marks = ", ".join("?" * len(filled))
        return f"INSERT INTO {self.name} ({', '.join(filled)}) VALUES ({marks})"

    def rows(self, entries: list[Any]) -> list[tuple[Any, ...]]:
        """Each entry as a row of the columns filled from entries."""
        fills = [c.fill for c in self.columns if c.fill is not None]
        return [tuple(fill(entry, n) for fill in fills) for n, entry in enumerate(entries)]

    @property
    def descriptions(self) -> dict[str, str]:
        """Column name -> what it holds."""
        return {c.name: c.description for c in self.columns}


def as_json(name: str) -> Fill:
    """The entry's field as JSON text (a list of names or ids)."""
    return lambda entry, _: json.dumps(getattr(entry, name), ensure_ascii=False)


def text(name: str) -> Fill:
    """The entry's field as text, None where it has none (an enum stored by its value)."""
    return lambda entry, _: None if (value := getattr(entry, name)) is None else str(value)


def field(name: str) -> Fill:
    """The entry's field as it is."""
    return lambda entry, _: getattr(entry, name)


def position(entry: Any, n: int) -> int:
    """Where the entry stands in its section."""
    return n


QUALIFIER = (
    "How exactly the source states the figure: exact; at_least (余, 多, 以上: the value is a "
    "floor, not the figure); approx (约, 左右: an approximation)."
)
ORDER = "Order in the dataset."

META = StoreTable(
    "meta",
    "About this export",
    "Which pingan wrote this export, from which data files (by name).",
    (
        StoreColumn("key", "TEXT PRIMARY KEY", "What is recorded."),
        StoreColumn("value", "TEXT NOT NULL", "Its value."),
    ),
)
SOURCES = StoreTable(
    "sources",
    "Sources",
    "The documents figures are taken from; every figure names one.",
    (
        StoreColumn("id", "TEXT PRIMARY KEY", "The source's id.", field("id")),
        StoreColumn("title", "TEXT NOT NULL", "The document's title.", field("title")),
        StoreColumn("publisher", "TEXT NOT NULL", "Who published it.", field("publisher")),
        StoreColumn("url", "TEXT NOT NULL", "Where it can be read.", field("url")),
        StoreColumn(
            "published",
            "TEXT",
            "When it was published (YYYY-MM or YYYY-MM-DD), if known.",
            field("published"),
        ),
        StoreColumn(
            "authors", "TEXT NOT NULL", "Reporters, by name (a JSON array).", as_json("authors")
        ),
        StoreColumn(
            "contributors",
            "TEXT NOT NULL",
            "Correspondents (通讯员) and others credited (a JSON array).",
            as_json("contributors"),
        ),
        StoreColumn(
            "language", "TEXT NOT NULL", "The document's language: zh or en.", field("language")
        ),
        StoreColumn("note", "TEXT", "pingan's note on the source.", field("note")),
        StoreColumn("figures", "INTEGER NOT NULL DEFAULT 0", "How many figures are taken from it."),
        StoreColumn(
            "standing",
            "TEXT",
            "official: a body's own material on its own site; news: a news outlet's own report "
            "on its own site; republished: a page carrying another publisher's material.",
            text("standing"),
        ),
        StoreColumn(
            "original_publisher",
            "TEXT",
            "The body whose material the page carries (渭南日报), where the page says so.",
            field("original_publisher"),
        ),
        StoreColumn(
            "original_published",
            "TEXT",
            "When the original was issued, where known.",
            field("original_published"),
        ),
        StoreColumn(
            "dated",
            "TEXT",
            "The page's date where it shows none (YYYY-MM or YYYY-MM-DD), as dated_from says.",
            field("dated"),
        ),
        StoreColumn(
            "dated_from",
            "TEXT",
            "Where dated comes from: address (the page's address), content (the latest date "
            "its text reports) or copy (another copy of the text is dated).",
            text("dated_from"),
        ),
    ),
)
REGIONS = StoreTable(
    "regions",
    "Regions",
    "Weinan (渭南市), its counties and smaller units, and the agencies figures are filed under.",
    (
        StoreColumn("id", "TEXT PRIMARY KEY", "The region's id (pinyin).", field("id")),
        StoreColumn("name_zh", "TEXT NOT NULL", "Chinese name.", field("name_zh")),
        StoreColumn("name_en", "TEXT NOT NULL", "English name.", field("name_en")),
        StoreColumn(
            "aliases",
            "TEXT NOT NULL",
            "Other names it goes by (a JSON array).",
            as_json("aliases"),
        ),
        StoreColumn(
            "level",
            "TEXT NOT NULL",
            "province, city, county, township, community or agency.",
            text("level"),
        ),
        StoreColumn("parent", "TEXT", "The region it belongs to.", field("parent")),
        StoreColumn("code", "TEXT", "Administrative division code, if it has one.", field("code")),
        StoreColumn("note", "TEXT", "pingan's note on the region.", field("note")),
        StoreColumn("position", "INTEGER NOT NULL", ORDER, position),
    ),
)
REGION_TREE = StoreTable(
    "region_tree",
    "Region tree",
    "Every region with each of its ancestors (itself at distance 0).",
    (
        StoreColumn(
            "ancestor", "TEXT NOT NULL", "A region containing the other (or the region itself)."
        ),
        StoreColumn("region", "TEXT NOT NULL", "The region contained."),
        StoreColumn(
            "distance", "INTEGER NOT NULL", "Levels between them: 0 itself, 1 its parent, …"
        ),
    ),
    key="PRIMARY KEY (ancestor, region)",
    options=" WITHOUT ROWID",
)
REGION_NAMES = StoreTable(
    "region_names",
    "Region names",
    "Names and aliases, case-folded without spaces, that find a region.",
    (
        StoreColumn("name", "TEXT NOT NULL", "A folded name."),
        StoreColumn("region", "TEXT NOT NULL", "The region it names."),
    ),
    key="PRIMARY KEY (name, region)",
    options=" WITHOUT ROWID",
)
INDICATORS = StoreTable(
    "indicators",
    "Indicators",
    "What is measured: each figure is of one indicator, in its unit.",
    (
        StoreColumn("id", "TEXT PRIMARY KEY", "The indicator's id.", field("id")),
        StoreColumn("name_zh", "TEXT NOT NULL", "Chinese name.", field("name_zh")),
        StoreColumn("name_en", "TEXT NOT NULL", "English name.", field("name_en")),
        StoreColumn(
            "unit",
            "TEXT NOT NULL",
            "The unit its figures are in (base units: 元, 户, 个, %…).",
            field("unit"),
        ),
        StoreColumn(
            "category",
            "TEXT NOT NULL",
            "The subject it belongs to (mediation, fraud, …).",
            text("category"),
        ),
        StoreColumn(
            "kind",
            "TEXT NOT NULL",
            "level (how many) or change (how much more or less than before, signed).",
            text("kind"),
        ),
        StoreColumn(
            "measure",
            "TEXT NOT NULL DEFAULT 'flow'",
            "flow (counted over the figure's period) or stock (a total standing at the end of "
            "its period: never added over time).",
            text("measure"),
        ),
        StoreColumn("definition", "TEXT NOT NULL", "What exactly it counts.", field("definition")),
        StoreColumn("position", "INTEGER NOT NULL", ORDER, position),
        StoreColumn("figures", "INTEGER NOT NULL DEFAULT 0", "How many figures there are of it."),
        StoreColumn(
            "related",
            "TEXT NOT NULL DEFAULT '[]'",
            "Indicators that measure something close but different: do not compare them "
            "(a JSON array of ids).",
            as_json("related"),
        ),
        StoreColumn(
            "change_of",
            "TEXT",
            "For a change indicator, the level indicator it is the change of.",
            field("change_of"),
        ),
        StoreColumn(
            "note",
            "TEXT",
            "pingan's note: why the indicator is drawn as it is (what was split from it or kept "
            "apart, and on which sources).",
            field("note"),
        ),
    ),
)
OBSERVATIONS = StoreTable(
    "observations",
    "Figures",
    "One figure a source states: for a region, an indicator and a period, with the clause it "
    "comes from. Read value with qualifier and display: 5.2万余户 is at least 52,000, not "
    "52,000. A figure not listed was not reported; it is not zero.",
    (
        StoreColumn("id", "INTEGER PRIMARY KEY", "The figure's number in this export."),
        StoreColumn("region", "TEXT NOT NULL", "The region it is about."),
        StoreColumn("indicator", "TEXT NOT NULL", "What it measures."),
        StoreColumn(
            "period",
            "TEXT NOT NULL",
            "The period as pingan labels it: 2023, since 2023 (以来), 2018..2020, "
            "2022-01..2023-06, 2022-04.. (open-ended), to 2022 (start not stated), recent years "
            "to 2024.",
        ),
        StoreColumn(
            "year",
            "INTEGER",
            "The first calendar year of the period; empty when its start is not stated (to 2022).",
        ),
        StoreColumn(
            "year_end",
            "INTEGER",
            "The last calendar year of the period; empty while it is open (since 2023).",
        ),
        StoreColumn(
            "since",
            "INTEGER NOT NULL",
            "1 when the figure counts from the start of the period up to the report (以来), "
            "else 0.",
        ),
        StoreColumn(
            "period_start",
            "TEXT",
            "First month or day of a ranged period (YYYY-MM or YYYY-MM-DD).",
        ),
        StoreColumn(
            "period_end",
            "TEXT",
            "Last month or day of a ranged period, or the date of a total up to a day (to "
            "2024-12-23) (YYYY-MM or YYYY-MM-DD).",
        ),
        # No declared type: an integer stays an integer and a decimal a decimal, as written.
        StoreColumn(
            "value",
            "NOT NULL",
            "The figure in base units (2.56亿元 is 256000000 元); a change is signed. Read it "
            "with qualifier.",
        ),
        StoreColumn("unit", "TEXT NOT NULL", "The unit of value: the indicator's unit."),
        StoreColumn("qualifier", "TEXT NOT NULL", QUALIFIER),
        StoreColumn(
            "as_written",
            "TEXT",
            "The figure as the source wrote it (5.2万余户), when it was kept.",
        ),
        StoreColumn(
            "display",
            "TEXT NOT NULL",
            "The figure as the source wrote it, else as pingan writes it with its qualifier "
            "(≥ at least, ≈ approximately).",
        ),
        StoreColumn("source", "TEXT NOT NULL", "The source it is taken from."),
        StoreColumn("quote", "TEXT", "The clause of the source that states it."),
        StoreColumn(
            "note", "TEXT", "pingan's note: how the period was read, what the figure covers."
        ),
    ),
)
DESIGNATIONS = StoreTable(
    "designations",
    "Honours",
    "Designations conferred on regions (2023年度平安县, 平安银鼎…). Where complete is 0 the "
    "list of recipients is partial: a region in scope not listed is unknown, never 'not "
    "designated'.",
    (
        StoreColumn("id", "TEXT PRIMARY KEY", "The honour's id.", field("id")),
        StoreColumn("title_zh", "TEXT NOT NULL", "Chinese title.", field("title_zh")),
        StoreColumn("title_en", "TEXT NOT NULL", "English title.", field("title_en")),
        StoreColumn("year", "INTEGER", "The year it is for.", field("year")),
        StoreColumn(
            "conferred_on",
            "TEXT",
            "When it was conferred (YYYY-MM or YYYY-MM-DD), if known.",
            field("conferred_on"),
        ),
        StoreColumn("conferred_by", "TEXT", "Who conferred it.", field("conferred_by")),
        StoreColumn(
            "level", "TEXT NOT NULL", "national, provincial, city or county.", field("level")
        ),
        StoreColumn(
            "scope", "TEXT", "The region whose units the recipient list is about.", field("scope")
        ),
        StoreColumn(
            "total",
            "INTEGER",
            "How many were honoured in scope, when the source says.",
            field("total"),
        ),
        StoreColumn(
            "complete",
            "INTEGER NOT NULL",
            "1 when the recipients listed are all of them, 0 when only some are named.",
            lambda entry, _: int(entry.complete),
        ),
        StoreColumn(
            "practices",
            "TEXT NOT NULL",
            "The practices it was given for (a JSON array of ids).",
            as_json("practices"),
        ),
        StoreColumn("source", "TEXT NOT NULL", "The source that reports it.", field("source")),
        StoreColumn(
            "quote", "TEXT NOT NULL", "The clause of the source that reports it.", field("quote")
        ),
        StoreColumn("position", "INTEGER NOT NULL", ORDER, position),
        StoreColumn(
            "recipient_level",
            "TEXT",
            "The level of the units honoured (county …), where none is named.",
            text("recipient_level"),
        ),
        StoreColumn("note", "TEXT", "pingan's note on the honour.", field("note")),
    ),
)
DESIGNATION_RECIPIENTS = StoreTable(
    "designation_recipients",
    "Honour recipients",
    "The regions an honour names; see designations.complete for whether the list is whole.",
    (
        StoreColumn("designation", "TEXT NOT NULL", "The honour."),
        StoreColumn("region", "TEXT NOT NULL", "A region it names."),
        StoreColumn("position", "INTEGER NOT NULL", "Order in the source's list."),
    ),
    key="PRIMARY KEY (designation, region)",
    options=" WITHOUT ROWID",
)
PRACTICES = StoreTable(
    "practices",
    "Practices",
    "Named practices, mechanisms, reforms and campaigns of a region.",
    (
        StoreColumn("id", "TEXT PRIMARY KEY", "The practice's id.", field("id")),
        StoreColumn("name_zh", "TEXT NOT NULL", "Chinese name.", field("name_zh")),
        StoreColumn("name_en", "TEXT NOT NULL", "English name.", field("name_en")),
        StoreColumn(
            "kind",
            "TEXT NOT NULL",
            "practice, mechanism, reform, campaign or policy_document.",
            field("kind"),
        ),
        StoreColumn("region", "TEXT NOT NULL", "The region it belongs to.", field("region")),
        StoreColumn(
            "since", "TEXT", "When it began (YYYY-MM or YYYY-MM-DD), if known.", field("since")
        ),
        StoreColumn(
            "description", "TEXT NOT NULL", "What it is, in pingan's words.", field("description")
        ),
        StoreColumn("source", "TEXT NOT NULL", "The source that reports it.", field("source")),
        StoreColumn(
            "quote", "TEXT NOT NULL", "The clause of the source that reports it.", field("quote")
        ),
        StoreColumn("position", "INTEGER NOT NULL", ORDER, position),
    ),
)

TABLES: dict[str, StoreTable] = {
    t.name: t
    for t in (
        META,
        SOURCES,
        REGIONS,
        REGION_TREE,
        REGION_NAMES,
        INDICATORS,
        OBSERVATIONS,
        DESIGNATIONS,
        DESIGNATION_RECIPIENTS,
        PRACTICES,
    )
}

# Two sources giving different figures for the same region, indicator and period: both are kept,
# and each finds the other here.
CONFLICTS_VIEW = """
CREATE VIEW conflicts AS
SELECT a.id AS observation, b.id AS other
FROM observations a JOIN observations b
  ON b.region = a.region AND b.indicator = a.indicator AND b.period = a.period
 AND b.id != a.id AND b.source != a.source
 AND (b.value != a.value OR b.qualifier != a.qualifier);
"""

SCHEMA = "\n".join(t.create() for t in TABLES.values()) + "\n" + CONFLICTS_VIEW
