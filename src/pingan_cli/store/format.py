"""What a reader of a store relies on: the version of its tables, and the form names are kept in.

Read on every warm run (the cache checks the version; lookups fold names), so it is kept apart
from the table maps the build needs.
"""

# Raised whenever a table of store/schema.py changes: a cached store of another version is rebuilt.
SCHEMA_VERSION = "9"


def name_key(name: str) -> str:
    """The form region names are looked up in: case-folded, spaces dropped."""
    return "".join(name.split()).casefold()
