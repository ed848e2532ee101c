"""Subcommands of the ``tidings`` console command, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets ``func`` to a
callable taking the parsed arguments and returning the exit status.
"""
