"""pingan: query the public-safety (平安建设) statistics of Weinan and its counties."""

__version__ = "0.1.0"
