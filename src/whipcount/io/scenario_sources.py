"""A source in a scenario file: a URL (or a citation in words), or a mapping that describes the article.

An article described once, cited anywhere: a scenario names an article's outlet, headline and date at
one citation (a ``{url, outlet, title, date}`` mapping), and every other citation of the same address (a
bare URL, or a mapping with only a quote) shares them. Two citations of one address that disagree on
one of these is an error naming the second one's line."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Discriminator, Field, GetCoreSchemaHandler, Tag, field_validator
from pydantic_core import core_schema

from whipcount.errors import ScenarioError
from whipcount.io.input_base import Day, InputModel
from whipcount.io.limits import MAX_NOTE, MAX_URL, check_source_url, check_web_url, shorten
from whipcount.io.yamlsource import Located
from whipcount.model import Source
from whipcount.model.articles import Described

__all__ = ["SourceIn", "SourceLike", "share_source_details", "sources_of"]


class SourceIn(InputModel):
    """A source as a mapping: the article's address, and what a citation of it shows."""

    url: str = Field(min_length=1, max_length=MAX_URL, description="the article's http(s) address",
                     json_schema_extra={"pattern": r"^[hH][tT][tT][pP][sS]?://[^\s]+$"})
    quote: str | None = Field(default=None, max_length=MAX_NOTE,
                              description="a short excerpt that bears out the fact")
    outlet: str | None = Field(default=None, min_length=1, max_length=200,
                               description="who published it (Dawn, The News, BBC News); the address's host "
                                           "stands in when none is given")
    title: str | None = Field(default=None, min_length=1, max_length=500,
                              description="the headline, exactly as published")
    date: Day | None = Field(default=None, description="the date of publication, YYYY-MM-DD")

    @field_validator("url")
    @classmethod
    def _web(cls, v: str) -> str:
        return check_web_url(v)

    def to_model(self) -> Source:
        return Source(self.url, self.quote, self.outlet, self.title, self.date)


def _source_form(value: Any) -> str:
    """Which form a source takes, so an error speaks of that form alone: a mapping, or a URL/citation."""
    return "SourceIn" if isinstance(value, dict | SourceIn) else "str"


_SOURCE_FORMS = Annotated[
    Annotated[Annotated[str, Field(max_length=MAX_URL), AfterValidator(check_source_url)], Tag("str")]
    | Annotated[SourceIn, Tag("SourceIn")],
    Discriminator(_source_form),
]


class _BuiltOnce:
    """The validation schema of :data:`_SOURCE_FORMS`, built for the first field that holds a source and
    copied for each of the others (21 in the scenario schema, each model of it with ``source`` and
    ``sources``): building it anew took 2.2 M instructions a field, a copy takes a tenth of that. Each
    model's schema is given :class:`SourceIn`'s definition, which the copy refers to."""

    def __init__(self) -> None:
        self.schema: core_schema.CoreSchema | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        handler.generate_schema(SourceIn)
        if self.schema is None:
            self.schema = handler.generate_schema(_SOURCE_FORMS)
        return copy.deepcopy(self.schema)  # pydantic may change a field's schema in place as it builds


# a URL or a citation in words (checked by check_source_url), or a SourceIn mapping: the form is told from
# the value (_source_form), so an error speaks of the form given alone
SourceLike = Annotated[str | SourceIn, _BuiltOnce()]


def sources_of(one: SourceLike | None, many: list[SourceLike] | None) -> tuple[Source, ...]:
    """The model's sources from a field's ``source`` and ``sources``, in that order."""
    out: list[Source] = []
    for s in ([one] if one is not None else []) + list(many or []):
        out.append(Source(s) if isinstance(s, str) else s.to_model())
    return tuple(out)


Loc = tuple[str | int, ...]


def _slots(value: Any, path: Loc) -> Iterator[tuple[Any, str | int, Loc]]:
    """Every place in the parsed file that holds one source: (its container, its key, its path)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name == "source" and isinstance(child, str | SourceIn):
                yield value, name, (*path, name)
            elif name == "sources" and isinstance(child, list):
                for i in range(len(child)):
                    yield child, i, (*path, name, i)
            else:
                yield from _slots(child, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _slots(item, (*path, i))


def _get(container: Any, key: str | int) -> Any:
    return container[key] if isinstance(key, int) else getattr(container, key)


def _put(container: Any, key: str | int, value: SourceIn) -> None:
    if isinstance(key, int):
        container[key] = value
    else:
        setattr(container, key, value)


def _show(value: object) -> str:
    return repr(shorten(value)) if isinstance(value, str) else str(value)


def share_source_details(f: BaseModel, located: Located) -> None:
    """Give every citation of an address the outlet, title and date given at any citation of it (refused,
    naming the second, where two describe it otherwise: :class:`~whipcount.model.articles.Described`, as an
    event appended to a stored log is checked)."""
    slots = list(_slots(f, ()))
    described: Described[Loc] = Described()
    for container, key, path in slots:
        s = _get(container, key)
        if isinstance(s, SourceIn) and (clash := described.add(s.to_model(), path)) is not None:
            raise ScenarioError(f"{located.where((*path, clash.detail))}: {_show(clash.value)} differs from "
                                f"{_show(clash.before)} given for the same address at line "
                                f"{located.line(clash.first)} (describe an article once)")
    for container, key, _ in slots:
        s = _get(container, key)
        url = s if isinstance(s, str) else s.url
        if url not in described.known:
            continue
        details = described.known[url][0]
        if isinstance(s, str):
            _put(container, key, SourceIn.model_validate({"url": url, **details}))
        else:
            for d, value in details.items():
                if getattr(s, d) is None:
                    setattr(s, d, value)
