"""Run the command line: python -m discrepancy."""

from .cli import main

if __name__ == "__main__":  # a worker process started by 'spawn' imports this module too
    main()
