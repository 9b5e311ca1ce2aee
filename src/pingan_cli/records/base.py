"""What every record shares: the Record protocol, plain JSON-ready values, a figure's text."""

from typing import Any, Protocol, TypeVar

Status = bool | None  # designated, not designated, unknown
T = TypeVar("T")


class Record(Protocol):
    """What every record offers: itself as plain data."""

    def as_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready values (the public contract)."""
        ...


def plain_value(value: Any) -> Any:
    """A value as JSON-ready data: records as dicts, tuples as lists."""
    if value is None or isinstance(value, str | int | float):
        return value
    as_dict = getattr(value, "as_dict", None)
    if as_dict is not None:
        return as_dict()
    if isinstance(value, tuple | list):
        return [plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    return value


def plain_dict(record: Any, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's fields, in order, as plain data (without the fields named in ``leave_out``)."""
    return {
        name: plain_value(value)
        for name, value in zip(record._fields, record, strict=True)
        if name not in leave_out
    }


MARKS = {"at_least": "≥", "approx": "≈"}  # before a figure pingan writes


def display(value: float, unit: str, qualifier: str, kind: str, as_written: str | None) -> str:
    """The figure as the source wrote it, or as pingan writes it when no original is kept.

    Computed once, when the store is built, and stored: filters and output read the same text.
    """
    if as_written:
        return as_written
    number = f"{value:+,}" if kind == "change" else f"{value:,}"
    mark = MARKS.get(qualifier, "")
    return f"{mark}{number}{'' if unit == '%' else ' '}{unit}"


def record_html(record: Any) -> str:
    """A record as an HTML table, for a notebook's display (records/notebook.py, loaded now)."""
    from .notebook import record_html as html

    return html(record)


class Records(list[T]):
    """The records a question returns: a list, shown as a table in a notebook.

    ``to_pandas()`` gives a pandas DataFrame (pandas is not a dependency of pingan: install it to
    use this); pandas also takes the records themselves, ``pandas.DataFrame(records)``.
    """

    def _repr_html_(self) -> str:
        from .notebook import table

        return table(self)

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame: a row each, a column per field."""
        from .notebook import to_pandas

        return to_pandas(self)
