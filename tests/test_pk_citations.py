"""Every article the Pakistan profiles cite on pakistani.org is on the chapter page linked.

The site splits the Constitution into one page per chapter; a citation of Art. 95(4) linked to the page
of Part III, Chapter 2 (Arts. 50-89) sends a fact-checker to a page without it. The chapters' article
ranges are the Constitution's own (Part III, Chapter 2 "The Parliament": Arts. 50-89; Chapter 3 "The
Federal Government": Arts. 90-100; Part IV, Chapter 2 "The Provincial Assemblies": Arts. 106-128;
Chapter 3 "The Provincial Governments": Arts. 129-140A).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from whipcount.rules import all_constitutions
from whipcount.rules.core import LegalSource

CHAPTERS = {
    "part3.ch2.html": range(50, 90),
    "part3.ch3.html": range(90, 101),
    "part4.ch2.html": range(106, 129),
    "part4.ch3.html": range(129, 141),
}


def _sources(obj: object) -> Iterator[LegalSource]:
    if isinstance(obj, LegalSource):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _sources(getattr(obj, f.name))
    elif isinstance(obj, tuple | list):
        for x in obj:
            yield from _sources(x)


PK = [c for c in all_constitutions() if c.id.startswith("pk-")]


@pytest.mark.parametrize("constitution", PK, ids=lambda c: c.id)
def test_each_article_is_on_the_chapter_page_it_links(constitution) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for src in _sources(constitution):
        page = src.url.rsplit("/", 1)[-1]
        if "pakistani.org" not in src.url or page not in CHAPTERS:
            continue
        numbers = [int(n) for n in re.findall(r"Arts?\.\s*(\d+)", src.article)]
        numbers += [int(n) for n in re.findall(r"(?:and|;)\s*(\d+)", src.article)]
        assert numbers, src
        for n in numbers:
            assert n in CHAPTERS[page], f"{src.article} linked to {page} (Arts. {CHAPTERS[page].start}-" \
                                        f"{CHAPTERS[page].stop - 1})"
        checked += 1
    assert checked >= 3


def test_art_95_1_movers_quote_the_text_and_source_the_press_figure() -> None:
    """Art. 95(1): "moved by not less than twenty per centum of the total membership" (infopakistan.pk's text).
    A fifth of 342 is 68.4, so at least 69 members; the press's 68 (Dawn, 8 March 2022) is shown with its address."""
    (na,) = [c for c in PK if c.id == "pk-na"]
    (nc,) = [m for m in na.motions if m.kind == "no-confidence"]
    movers = nc.movers
    assert movers is not None and movers.source is not None
    assert movers.source.quote is not None
    assert "not less than twenty per centum of the total membership" in movers.source.quote
    assert movers.required(342) == 69  # 342 / 5 = 68.4: not less than that is 69
    assert movers.note is not None and "69" in movers.note
    assert "at least 68 members" in movers.note and "https://" in movers.note
