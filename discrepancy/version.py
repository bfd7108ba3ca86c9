"""The package version, in a module of its own so that reports can name it without importing
the package's public API (which sits above every stage)."""

__version__ = "0.1.0"
