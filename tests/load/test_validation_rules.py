# Messages are kept whole, one per line, so that a search for a message finds its test.
# ruff: noqa: E501
"""Each validation rule of the data format, with a bad file and the exact message it produces.

The files are in the corpus (tests/bad_inputs/files): most are files/base.yaml, a small valid
dataset, with one thing changed. The whole of standard error is compared, so a message that
loses its location, its path inside the document or its hint fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .bad_inputs.runner import FILES, run_main

# (rule, file, every line of standard error)
RULES: list[tuple[str, str, list[str]]] = [
    (
        "extra='forbid': an unknown field",
        "unknown-field.yaml",
        [
            "unknown-field.yaml:25:5: regions[2].nmae_zh: unknown field 'nmae_zh'; did you mean name_zh? (see `pingan schema`)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "extra='forbid': a YAML merge key",
        "merge-key.yaml",
        [
            "merge-key.yaml:25:5: regions[2].<<: YAML merge keys (<<) are not supported; write the fields out",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a required field is missing",
        "missing-field.yaml",
        [
            "missing-field.yaml:22:5: regions[2].name_en: missing required field 'name_en'; add it",
            "error: 1 problem in the data",
        ],
    ),
    (
        "the format version is 1",
        "format-version.yaml",
        [
            "format-version.yaml:2:9: format: the number 2 is not a format version pingan reads; this version of pingan reads format 1: upgrade pingan, or write format: 1",
            "error: 1 problem in the data",
        ],
    ),
    (
        "the format version is the number 1",
        "format-quoted.yaml",
        [
            "format-quoted.yaml:2:9: format: the text '1' is not a format version pingan reads; remove the quotes: format: 1",
            "error: 1 problem in the data",
        ],
    ),
    (
        "sections are known",
        "unknown-section.yaml",
        [
            "unknown-section.yaml:71:1: practice: unknown section 'practice'; did you mean practices? (sections: format, sources, regions, indicators, observations, observation_files, designations, practices)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a section is a list",
        "section-not-list.yaml",
        [
            "section-not-list.yaml:72:3: practices: practices must be a list, got a mapping; start each entry with '- ' on its own line",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an entry is a mapping",
        "entry-not-mapping.yaml",
        [
            "entry-not-mapping.yaml:9:5: regions[0]: expected a mapping of fields (name: value), got the text 'weinan'",
            "error: 1 problem in the data",
        ],
    ),
    (
        "ids are unique within a file",
        "duplicate-id.yaml",
        [
            "duplicate-id.yaml:22:5: regions[2]: region 'fuping' is defined again with different content (first at duplicate-id.yaml:15); keep one",
            "duplicate-id.yaml:66:18: designations[0].recipients[0]: unknown region 'hancheng'",
            "error: 2 problems in the data",
        ],
    ),
    (
        "ids are unique across --data files",
        "conflict-a.yaml",
        [
            "conflict-b.yaml:22:5: regions[2]: region 'hancheng' is defined again with different content (first at conflict-a.yaml:22); keep one",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation is not given twice with different content",
        "duplicate-observation.yaml",
        [
            "duplicate-observation.yaml:58:5: observations[2]: the observation fuping/case-rate-change/2023/article is defined again with different content (first at duplicate-observation.yaml:52); keep one",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an id is lower-case ASCII",
        "bad-id.yaml",
        [
            "bad-id.yaml:22:9: regions[2].id: the text 'Han Cheng' is not in the expected form (ids are lower-case letters, digits, '-' and '_': han-cheng?)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a reference is an id, not a name",
        "region-by-name.yaml",
        [
            "region-by-name.yaml:52:13: observations[1].region: the text '富平' is not in the expected form (an id, such as fuping: entries are referred to by id, not by name)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation's region resolves",
        "unknown-region.yaml",
        [
            "unknown-region.yaml:44:13: observations[0].region: unknown region 'fupin'; did you mean fuping?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation's region resolves (near miss)",
        "unknown-region-similar.yaml",
        [
            "unknown-region-similar.yaml:52:13: observations[1].region: unknown region 'fuping-county'; did you mean fuping?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation's indicator resolves",
        "unknown-indicator.yaml",
        [
            "unknown-indicator.yaml:45:16: observations[0].indicator: unknown indicator 'dispute-resolved'; did you mean disputes-resolved?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation's source resolves",
        "unknown-source.yaml",
        [
            "unknown-source.yaml:50:13: observations[0].source: unknown source 'articel'; did you mean article?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a region's parent resolves",
        "unknown-parent.yaml",
        [
            "unknown-parent.yaml:26:13: regions[2].parent: unknown region 'weinan-city'; did you mean weinan?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a designation's recipients resolve",
        "recipient-unknown.yaml",
        [
            "recipient-unknown.yaml:66:28: designations[0].recipients[1]: unknown region 'fupin'; did you mean fuping?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a designation's practices resolve",
        "unknown-practice.yaml",
        [
            "unknown-practice.yaml:68:17: designations[0].practices[0]: unknown practice 'backpack-police'; did you mean backpack-policing?",
            "error: 1 problem in the data",
        ],
    ),
    (
        "observation_files name a readable CSV",
        "csv-missing.yaml",
        [
            "csv-missing.yaml:59:11: observation_files[0].path: no such CSV file (paths are relative to the YAML file that names them): bulk.csv",
            "error: 1 problem in the data",
        ],
    ),
    (
        "no parent cycles",
        "parent-cycle.yaml",
        [
            "parent-cycle.yaml:14:13: regions[0].parent: regions form a cycle through their parents: weinan -> fuping -> weinan",
            "error: 1 problem in the data",
        ],
    ),
    (
        "no region is its own parent",
        "parent-self.yaml",
        [
            "parent-self.yaml:14:13: regions[0].parent: regions form a cycle through their parents: weinan -> weinan",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an observation's unit is its indicator's",
        "unit-mismatch.yaml",
        [
            "unit-mismatch.yaml:48:11: observations[0].unit: unit '件' does not match indicator 'disputes-resolved', which is measured in '起'; convert the value to 起",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a level is never negative (a change is a change indicator)",
        "negative-level.yaml",
        [
            "negative-level.yaml:47:12: observations[0].value: indicator 'disputes-resolved' is a level and cannot be negative (got -823); a change (同比下降 …) belongs to an indicator of kind: change",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a partial recipient list is shorter than its total",
        "partial-not-shorter.yaml",
        [
            "partial-not-shorter.yaml:67:12: designations[0].total: a partial list must be shorter than its total: 2 named, total 2; set complete: true if every one is named",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a complete recipient list matches its total",
        "complete-wrong-total.yaml",
        [
            "complete-wrong-total.yaml:67:12: designations[0].total: a complete list of 2 recipients cannot have total 10; set complete: false if the list names only some of them, or correct total",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a recipient is listed once",
        "recipient-twice.yaml",
        [
            "recipient-twice.yaml:66:36: designations[0].recipients[2]: recipient 'hancheng' is listed twice; keep one",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a recipient lies within the scope",
        "recipient-out-of-scope.yaml",
        [
            "recipient-out-of-scope.yaml:66:18: designations[0].recipients[0]: recipient 'hancheng' is not inside the scope 'fuping'; check the recipient, its parent, or the scope",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a recipient list is empty only for a count",
        "recipients-empty.yaml",
        [
            "recipients-empty.yaml:66:17: designations[0].recipients: no recipients named: list at "
            "least one, or, for an honour known only as a count, set complete: false, total, scope "
            "and recipient_level",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a division code has 6 digits",
        "bad-division-code.yaml",
        [
            "bad-division-code.yaml:21:11: regions[1].code: the text '61052' is not in the expected form (a 6-digit division code in quotes, such as \"610528\")",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a division code is quoted text",
        "unquoted-division-code.yaml",
        [
            'unquoted-division-code.yaml:21:11: regions[1].code: expected text, got the number 610528; put it in quotes to keep it as written: "610528"',
            "error: 1 problem in the data",
        ],
    ),
    (
        "a level is one of the levels",
        "enum-level.yaml",
        [
            "enum-level.yaml:25:12: regions[2].level: the text 'County' is not one of 'province', 'city', 'county', 'township', 'community' or 'agency'; write it in lower case: county",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a period does not end before it starts",
        "period-backwards.yaml",
        [
            "period-backwards.yaml:54:13: observations[1].period: the period ends (2022-01) before it starts (2023-06): swap start and end",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a period's year is plausible",
        "period-year-range.yaml",
        [
            "period-year-range.yaml:54:13: observations[1].period: must be at least 1900, got the number 1800",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a date is a real date",
        "date-impossible.yaml",
        [
            "date-impossible.yaml:63:19: designations[0].conferred_on: '2023-02-30' is not a real date: check the day of the month",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a month is 01 to 12",
        "date-month-13.yaml",
        [
            "date-month-13.yaml:54:21: observations[1].period.start: '2023-13' has no month 13: months are 01 to 12",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a quoted year is not a period",
        "year-quoted.yaml",
        [
            "year-quoted.yaml:54:13: observations[1].period: expected a period, got the text '2023'; remove the quotes: write period: 2023",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a year is a whole number",
        "year-float.yaml",
        [
            "year-float.yaml:62:11: designations[0].year: expected a whole number, got the number 2023.0",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a text field keeps 1.10 as written, so unquoted it is refused",
        "text-1.10.yaml",
        [
            'text-1.10.yaml:24:14: regions[2].name_en: expected text, got the number 1.10; put it in quotes to keep it as written: "1.10"',
            "error: 1 problem in the data",
        ],
    ),
    (
        "a text field is not a number",
        "text-number.yaml",
        [
            'text-number.yaml:24:14: regions[2].name_en: expected text, got the number 12; put it in quotes to keep it as written: "12"',
            "error: 1 problem in the data",
        ],
    ),
    (
        "text is not empty",
        "invalid-region-referenced.yaml",
        [
            "invalid-region-referenced.yaml:16:14: regions[1].name_zh: must not be empty; write the text, or leave the field out",
            "error: 1 problem in the data",
        ],
    ),
    (
        "NaN is not a number",
        "value-nan.yaml",
        [
            "value-nan.yaml:47:12: observations[0].value: expected a number, got the text '.nan'; NaN and infinity are not figures: leave the figure out if it is unknown",
            "error: 1 problem in the data",
        ],
    ),
    (
        "infinity is not a number",
        "value-inf.yaml",
        [
            "value-inf.yaml:47:12: observations[0].value: expected a number, got the text '.inf'; NaN and infinity are not figures: leave the figure out if it is unknown",
            "error: 1 problem in the data",
        ],
    ),
    (
        "an overflowing float is not a number",
        "value-overflow.yaml",
        [
            "value-overflow.yaml:47:12: observations[0].value: expected a number, got the text '1e400'; it is too large to be a finite number",
            "error: 1 problem in the data",
        ],
    ),
    (
        "true is not 1",
        "value-true.yaml",
        [
            "value-true.yaml:47:12: observations[0].value: expected a number, got true (a true/false value); true/false is not a number",
            "error: 1 problem in the data",
        ],
    ),
    (
        "6336万 is not a number",
        "value-wan.yaml",
        [
            "value-wan.yaml:47:12: observations[0].value: expected a number, got the text '6336万'; write the value in base units as a plain number (6336万元 is 63360000) and keep the original in as_written",
            "error: 1 problem in the data",
        ],
    ),
    (
        "no is not a number (nor false)",
        "value-no.yaml",
        [
            "value-no.yaml:47:12: observations[0].value: expected a number, got the text 'no'; a yes/no word is not a number",
            "error: 1 problem in the data",
        ],
    ),
    (
        "010 is not 8 nor 10",
        "value-leading-zero.yaml",
        [
            "value-leading-zero.yaml:47:12: observations[0].value: expected a number, got the text '010'; a leading zero is ambiguous (octal in YAML 1.1): write 10",
            "error: 1 problem in the data",
        ],
    ),
    (
        "0x1F is not 31",
        "value-hex.yaml",
        [
            "value-hex.yaml:47:12: observations[0].value: expected a number, got the text '0x1F'; write it in decimal: 31",
            "error: 1 problem in the data",
        ],
    ),
    (
        "12:30 is not 750",
        "value-sexagesimal.yaml",
        [
            "value-sexagesimal.yaml:47:12: observations[0].value: expected a number, got the text '12:30'; a time or a base-60 number (12:30) is not a figure: write a plain number",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a 5000-digit integer is refused",
        "value-5000-digits.yaml",
        [
            "value-5000-digits.yaml:47:12: observations[0].value: expected a number, got the text '9999999999999999999999999999999999999...'; the number has 5000 digits, too many to be a figure (at most 30)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "a quoted number is text",
        "value-quoted.yaml",
        [
            "value-quoted.yaml:47:12: observations[0].value: expected a number, got the text '823'; remove the quotes: a quoted number is text (write 823)",
            "error: 1 problem in the data",
        ],
    ),
    (
        "true/false fields take true or false only",
        "bool-no.yaml",
        [
            "bool-no.yaml:68:15: designations[0].complete: expected true or false, got the text 'NO'; write false",
            "error: 1 problem in the data",
        ],
    ),
    (
        "every problem is reported at once, in file order",
        "many-problems.yaml",
        [
            "many-problems.yaml:13:12: regions[0].level: the text 'town' is not one of 'province', 'city', 'county', 'township', 'community' or 'agency'; did you mean township?",
            "many-problems.yaml:47:12: observations[0].value: expected a number, got the text 'no'; a yes/no word is not a number",
            "many-problems.yaml:52:13: observations[1].region: unknown region 'fupin'; did you mean fuping?",
            "many-problems.yaml:56:11: observations[1].unit: unit '%' does not match indicator 'case-rate-change', which is measured in '件'; convert the value to 件",
            "error: 4 problems in the data",
        ],
    ),
    (
        "references are checked in entries that are invalid otherwise",
        "four-problems.yaml",
        [
            "four-problems.yaml:27:11: regions[2].code: the text '61058X' is not in the expected form (a 6-digit division code in quotes, such as \"610528\")",
            "four-problems.yaml:44:13: observations[0].region: unknown region 'fupin'; did you mean fuping?",
            "four-problems.yaml:47:12: observations[0].value: expected a number, got the text '5.2万'; write the value in base units as a plain number (6336万元 is 63360000) and keep the original in as_written",
            "four-problems.yaml:48:16: observations[0].qualifier: the text 'about' is not one of 'exact', 'at_least' or 'approx'",
            "error: 4 problems in the data",
        ],
    ),
    (
        "a key indented deeper than the key above it",
        "over-indented-key.yaml",
        [
            "over-indented-key.yaml:23:7: this key is indented deeper than the key above it (line 22, column 5); line it up with the other keys of its entry (if it continues the text above, put that whole text in quotes)",
            "error: 1 problem in the data",
        ],
    ),
]
# Files that need a second file passed with them.
COMPANIONS = {"conflict-a.yaml": ["conflict-b.yaml"]}


@pytest.mark.parametrize(("rule", "name", "lines"), RULES, ids=[r[0] for r in RULES])
def test_rule_message(rule: str, name: str, lines: list[str], tmp_path: Path) -> None:
    names = [name, *COMPANIONS.get(name, [])]
    for each in names:
        shutil.copyfile(FILES / each, tmp_path / each)
    outcome = run_main(["validate", *names], tmp_path)
    assert outcome.exit == 1
    assert outcome.stdout == ""
    assert outcome.stderr.splitlines() == lines


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    """The files above differ from a valid dataset only by what their rule is about."""
    shutil.copyfile(FILES / "base.yaml", tmp_path / "base.yaml")
    outcome = run_main(["validate", "base.yaml"], tmp_path)
    assert outcome.exit == 0, outcome.stderr
    assert outcome.stdout.startswith("valid: base.yaml (3 regions, 2 indicators, 2 observations")


def test_problems_beyond_the_limit_are_counted_not_printed(tmp_path: Path) -> None:
    """A file with thousands of bad entries prints the first hundred and a count of the rest."""
    entries = "".join(f"  - id: Bad{index}\n" for index in range(300))
    (tmp_path / "many.yaml").write_text(f"format: 1\nsources:\n{entries}", encoding="utf-8")
    outcome = run_main(["validate", "many.yaml"], tmp_path)
    lines = outcome.stderr.splitlines()
    assert outcome.exit == 1
    assert lines[0].startswith("many.yaml:3:5: sources[0].")
    assert lines[-2] == "... and 1,100 more problems not shown"
    assert lines[-1] == "error: 1200 problems in the data"
    assert len(lines) == 102
