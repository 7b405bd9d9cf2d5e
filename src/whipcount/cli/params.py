"""Command-line values of whipcount's own shapes, checked as click reads them, so that an error names the
option (``--id``) rather than a file the value was later put into."""

from __future__ import annotations

from typing import Any

import click

from whipcount.model.ids import ID_WORDS, did_you_mean, id_like, is_id

__all__ = ["ID", "Choice", "id_problem"]


def id_problem(text: str) -> str | None:
    """Why ``text`` is not an id (:mod:`whipcount.model.ids`), with one made of it as an example; or None."""
    if is_id(text):
        return None
    like = id_like(text)
    example = f" (for example {like!r})" if like else ""
    return f"expected {ID_WORDS}, got {text!r}{example}"


class _Id(click.ParamType):
    name = "id"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problem = id_problem(value) if isinstance(value, str) else None
        if problem is not None:
            self.fail(problem, param, ctx)
        return value


ID = _Id()
"""An option's value that becomes an id of the scenario it writes (``--id``, ``--default-side``)."""


class Choice(click.Choice):
    """An option that takes one of a fixed set of words (``--by``, ``--layout``, ``--format``...): click's
    check, and the nearest word where one is close (``'stanse' is not one of 'party', 'stance', 'side'; did
    you mean 'stance'?``), as the library's :func:`~whipcount.model.arguments.check_option` says it. Every
    command's choice is one of these (tests/test_cli_choices.py)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            hint = did_you_mean(value, [str(c) for c in self.choices]) if isinstance(value, str) else ""
            if not hint:
                raise
            self.fail(exc.message.rstrip(".") + hint, param, ctx)
