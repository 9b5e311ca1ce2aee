"""Limits on input: what pingan refuses to read, so that hostile files fail fast with a message.

The README's "Limits on input" table states them; each reader imports them from here.
"""

MAX_FILE_BYTES = 16 * 1024 * 1024  # a YAML file
MAX_CSV_BYTES = 4 * 1024 * 1024 * 1024  # a CSV file of bulk figures
MAX_DEPTH = 64  # nesting levels in a YAML document
MAX_VALUES = 1_000_000  # values in a YAML document, aliases counted as expanded
MAX_INT_DIGITS = 30  # digits of an integer read as a number
