"""`stx`, the ops command line: one module per command group, `stx --help` for the list."""

from shared.cli.app import main

__all__ = ["main"]
