"""`python -m pingan_cli` runs the command line."""

from pingan_cli.entry import main

main()
