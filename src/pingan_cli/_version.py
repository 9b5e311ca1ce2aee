"""The version of pingan."""

__version__ = "0.1.0"
