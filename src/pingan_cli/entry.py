"""The `pingan` console script: Ctrl-C even while the modules load ends with exit 130."""

from __future__ import annotations

import sys


def main() -> None:
    """Import the command line and run it, turning an early Ctrl-C into a message."""
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
