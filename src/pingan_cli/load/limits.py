"""Limits on input: what pingan refuses to read, so that hostile files fail fast with a message.

The README's "Limits on input" table states them; each reader imports them from here.
"""

MAX_FILE_BYTES = 16 * 1024 * 1024  # a YAML file
MAX_CSV_BYTES = 4 * 1024 * 1024 * 1024  # a CSV file of bulk figures
MAX_DEPTH = 64  # nesting levels in a YAML document
MAX_VALUES = 1_000_000  # values in a YAML document, aliases counted as expanded
MAX_INT_DIGITS = 30  # digits of an integer read as a number
TEXT_MAX = 2000  # characters of a text field (titles of sources, quotes, notes, definitions)
SHORT_TEXT_MAX = 200  # characters of a name

# The years a figure or an honour may be of: a year outside them is in no dataset, so a question
# about one is a usage error (and 99999999999999999999 never reaches SQLite's 64-bit integers).
YEAR_MIN = 1900
YEAR_MAX = 2100
# SQLite's integers: 64 bits, signed.
SQL_INT_MAX = 2**63 - 1
