"""The report's HTML vocabulary: escaping, the numbered references, the mark of an unconfirmed fact."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from whipcount.model import Source

__all__ = ["DAGGER", "Refs", "esc", "mark", "scroll_region"]

DAGGER = "†"


def esc(value: object) -> str:
    """Text for HTML, quotes escaped too (safe in attributes)."""
    return escape(str(value), quote=True)


class Refs:
    """Numbered references: each source gets a number the first time it is cited."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._index: dict[str, int] = {}
        self._sources: dict[str, Source] = {}

    def number(self, url: str, quote: str | None = None, source: Source | None = None) -> int:
        if url not in self._index:
            self._order.append(url)
            self._index[url] = len(self._order)
        self._sources[url] = _merged(self._sources.get(url), source or Source(url, quote))
        return self._index[url]

    def cite(self, sources: Iterable[Source | str]) -> str:
        """``[1][4]`` as superscript links to the reference list (nothing when there is no source); an address
        cited twice here (two quotes of one article) is one reference, marked once."""
        out = []
        seen: set[int] = set()
        for s in sources:
            src = Source(s) if isinstance(s, str) else s
            n = self.number(src.url, source=src)
            if n not in seen:
                seen.add(n)
                out.append(f'<a class="ref" href="#ref-{n}">[{n}]</a>')
        return f"<sup>{''.join(out)}</sup>" if out else ""

    def render(self) -> str:
        """The list: ``Outlet, “Headline”, 8 March 2022`` linked to the article (followed by the address when
        no headline is known), then its quote."""
        items = []
        for n, url in enumerate(self._order, start=1):
            src = self._sources[url]
            q = f" <q>{esc(src.quote)}</q>" if src.quote else ""
            if src.is_link:
                # without a headline two articles of one outlet read alike: the address tells them apart in print
                where = "" if src.title else f' <span class="ref-url">{esc(url.split("://", 1)[1])}</span>'
                items.append(f'<li id="ref-{n}"><a href="{esc(url)}" rel="noopener">{esc(src.cite())}</a>'
                             f"{where}{q}</li>")
            else:  # a citation that is not a link (a gazette, a book)
                items.append(f'<li id="ref-{n}">{esc(src.cite())}{q}</li>')
        return "<ol class=\"refs\">" + "".join(items) + "</ol>"

    def __len__(self) -> int:
        return len(self._order)


def _merged(old: Source | None, new: Source) -> Source:
    """One address cited twice: the first quote, and the outlet, headline and date wherever given."""
    if old is None:
        return new
    return Source(old.url, old.quote or new.quote, old.outlet or new.outlet, old.title or new.title,
                  old.date or new.date)


def scroll_region(label: str, inner: str) -> str:
    """``inner`` (a table) in a region that scrolls sideways where the page is narrower than it (a 320-pixel
    phone), named ``label`` and taking keyboard focus, so that a reader without a mouse or touch screen can
    scroll it too (WCAG 2.1.1)."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{esc(label)}">{inner}</div>'


def mark(verified: bool, note: str | None = None) -> str:
    """The visible mark of a fact our sources do not confirm, its note as a tooltip (nothing when confirmed)."""
    if verified:
        return ""
    tip = f' title="{esc("Not confirmed: " + note if note else "Not confirmed by our sources")}"'
    return f'<span class="unverified"{tip}>{DAGGER}</span>'
