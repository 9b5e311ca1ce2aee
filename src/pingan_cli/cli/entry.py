"""The `pingan` console script: Ctrl-C even while the modules load ends with exit 130."""

from __future__ import annotations


def main() -> None:
    """Import the command line and run it, turning an early Ctrl-C into a message."""
    from .exits import interrupted

    try:
        from .root import main as run

        run()
    except KeyboardInterrupt:
        interrupted()
