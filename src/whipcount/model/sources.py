"""Where a fact comes from, and how a citation of it reads.

A :class:`Source` is a web address (or, for a gazette or a book, a citation in words) with what a reader
needs to recognise the article without following the link: the outlet, the headline and the date it was
published. :meth:`Source.cite` is the one place a source becomes text, for the report and the CLI alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Source", "long_date", "url_host"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(day: dt.date) -> str:
    """``8 March 2022``: the day, the month in English, the year (no locale, no leading zero)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def url_host(url: str) -> str | None:
    """The host of an http(s) address without ``www.`` (``dawn.com``), or None for anything else."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a URL or a citation, with an optional short quote, and, for an article,
    its outlet, headline (``title``) and publication date."""

    url: str
    quote: str | None = None
    outlet: str | None = None
    title: str | None = None
    date: dt.date | None = None

    @property
    def is_link(self) -> bool:
        """Whether ``url`` is a web address (rather than a citation in words)."""
        return url_host(self.url) is not None

    def cite(self) -> str:
        """``Dawn, “Bhootani quits Imran-led coalition”, 31 March 2022``: the outlet (the address's host
        when none is given), the headline in quotes and the date, each when known. A citation in words
        (no web address, nothing else given) reads as itself."""
        who = self.outlet or url_host(self.url)
        if who is None and self.title is None and self.date is None:
            return self.url
        parts = [who or self.url]
        if self.title:
            parts.append(f"“{self.title}”")
        if self.date:
            parts.append(long_date(self.date))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, str]:
        """``{url, quote?, outlet?, title?, date?}`` with only what is given (the date as YYYY-MM-DD)."""
        out = {"url": self.url}
        for key in ("quote", "outlet", "title"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.date is not None:
            out["date"] = self.date.isoformat()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Source:
        """The source :meth:`as_dict` wrote (unknown keys are ignored, a bad date is dropped)."""
        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        day = data.get("date")
        if isinstance(day, str):
            try:
                day = dt.date.fromisoformat(day)
            except ValueError:
                day = None
        return cls(str(data["url"]), text("quote"), text("outlet"), text("title"),
                   day if isinstance(day, dt.date) else None)
