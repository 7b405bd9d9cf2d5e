"""Hypothesis strategies for the interchange tests: the identifiers, text, sources and dates every part of a
drawn scenario uses."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from whipcount.io.limits import check_source_url
from whipcount.model import Source

ids = st.from_regex(r"\A[a-z][a-z0-9-]{0,8}\Z")
# a scenario's rules are resolved when it is read: draw registered profiles
profiles = st.sampled_from(["pk-na", "gb-hc", "de-bt", "se-riksdag", "it-senate"])
# Text as people write it: letters, digits, punctuation, symbols and spaces, no surrounding whitespace
# (the loader strips it), sometimes over two lines.
line = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=24
).map(str.strip).filter(bool)
text = st.one_of(line, st.builds(lambda a, b: f"{a}\n{b}", line, line))
maybe_text = st.none() | text
qids = st.integers(1, 10**8).map(lambda n: f"Q{n}")
# ids in other datasets: schemes as EveryPolitician and Popolo name them, or any lower-case name;
# wikidata and parlgov have fields of their own, so they are drawn there, not here
schemes = (st.sampled_from(["official", "parlparse", "ep", "everypolitician_legacy", "openstates"])
           | st.from_regex(r"\A[a-z][a-z0-9_.:-]{0,10}\Z")).filter(lambda s: s not in ("wikidata", "parlgov"))
identifier_values = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S"]), min_size=1, max_size=20)
identifiers = st.dictionaries(schemes, identifier_values, max_size=3).map(lambda d: tuple(d.items()))
colours = st.from_regex(r"\A#[0-9a-f]{6}\Z")


def _article(n: int, quote: str | None) -> Source:
    """A web article; its outlet, headline and date follow from its address, as they do in a file (one
    address, one description)."""
    return Source(f"https://news.example.org/{n}", quote, outlet=("Dawn", "The News", None)[n % 3],
                  title=f"Headline “{n}”" if n % 2 else None,
                  date=dt.date(2020, 1, 1) + dt.timedelta(days=n) if n % 5 else None)


def _citable(text: str) -> bool:
    """Whether a file may cite ``text`` (not a script's or a local file's address: see check_source_url)."""
    try:
        check_source_url(text)
    except ValueError:
        return False
    return True


# a citation in words (a bare string), or a web article with what a citation of it shows
sources = st.lists(st.builds(Source, url=line.filter(_citable))
                   | st.builds(_article, st.integers(0, 10**5), st.none() | line), max_size=2).map(tuple)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


