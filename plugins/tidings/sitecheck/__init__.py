"""Run third-party validators on a built Tidings site and report every finding as `path:line`.

Each validator is a module with one `check_*` function that takes a `Site` (or a catalog
folder) and returns a `Result`; `cli.py` wires them to the command line.
"""
