"""`python -m pingan_cli` runs the command line."""

from pingan_cli.cli import main

main()
