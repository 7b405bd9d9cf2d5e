"""Who a write made by a command or the server itself is recorded under in the audit trail: the system account
that runs it. A command's writes (``db load``, ``users ...``) and the server's own (the scenario it loads on a
first run) name it, so that every row of the trail says who wrote it."""

from __future__ import annotations

import getpass
import os

from whipcount.storage.schema import NAME_MAX

__all__ = ["system_account"]


def system_account() -> str:
    """The system account running this process: ``USER``, else the system's name for the account (a service,
    a container or cron often sets no ``USER``), else ``uid N`` (a container's bare user id has no name); any
    byte that is not UTF-8 written as ``\\xNN``, cut to the width of the audit's user column."""
    user = os.environ.get("USER")
    if not user:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # an account with no name
            user = ""
    user = os.fsencode(user).decode("utf-8", "backslashreplace")[:NAME_MAX]
    return user or f"uid {os.getuid()}"
