"""``python -m whipcount``: the command line, as the ``whipcount`` console script runs it (for a Python whose
scripts folder is not on PATH)."""

from whipcount.cli.main import run

run()
