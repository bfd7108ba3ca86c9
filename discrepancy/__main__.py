"""Run the command line: python -m discrepancy."""

from .cli import main

main()
