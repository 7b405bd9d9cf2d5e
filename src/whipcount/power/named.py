"""Named games bundled with whipcount: the Council of the European Union's qualified majority.

>>> from whipcount.power.named import named_game
>>> eu = named_game("eu-council-2024")
>>> eu.game.n, eu.member_quota, eu.clause_quota
(27, 15, 24)

The rule (TEU Art. 16(4), TFEU Art. 238(3)(a)) is written as a :class:`~whipcount.power.VectorGame`:
at least 55 % of the members (rounded up: 15 of 27) **and** at least 65 % of the population (rounded
up to a whole person), **or**, by the blocking-minority clause ("a blocking minority must include at
least four Council members, failing which the qualified majority shall be deemed attained"), at least
``n - 3`` members (24 of 27) whatever their population. Abstention counts as not voting yes.

Populations come from ``whipcount/data/eu_council/population_<year>.csv``; its header says where
they come from and whether they were checked against the Council's own figures (:attr:`NamedGame.verified`).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources

from whipcount.errors import NotFound, PowerError
from whipcount.model.ids import did_you_mean
from whipcount.power.game import VectorGame, WeightedGame

__all__ = ["NamedGame", "eu_council", "named_game", "named_games"]

MEMBER_SHARE = Fraction(55, 100)
POPULATION_SHARE = Fraction(65, 100)
BLOCKING_MINORITY_MEMBERS = 4


@dataclass(frozen=True, slots=True)
class NamedGame:
    """A bundled game with its data, its rule in words and its sources."""

    id: str
    title: str
    game: VectorGame
    codes: tuple[str, ...]
    population: tuple[int, ...]
    member_quota: int
    population_quota: int
    clause_quota: int
    rule: str
    source: str
    verified: bool
    notes: tuple[str, ...]

    @property
    def total_population(self) -> int:
        """Population of the Union (sum of the member states')."""
        return sum(self.population)

    def explain(self, coalition: set[str] | frozenset[str] | list[str]) -> str:
        """Whether a coalition of member codes or names wins, and why (one line)."""
        if isinstance(coalition, str | bytes) or not hasattr(coalition, "__iter__"):  # "DE" is one member, not D, E
            raise PowerError(f"{self.id}: expected a list of members (codes such as 'DE', or names), got "
                             f"{coalition!r}")
        index = {c: i for i, c in enumerate(self.codes)} | {n: i for i, n in enumerate(self.game.names)}
        unknown = [str(m) for m in coalition if m not in index]
        if unknown:
            raise PowerError(f"{self.id}: unknown members {', '.join(unknown)}; known: {', '.join(self.codes)}")
        given = [index[m] for m in coalition]
        twice = sorted({i for i in given if given.count(i) > 1})
        if twice:  # counted once, the coalition had been explained as if given as meant
            raise PowerError(f"{self.id}: each member once, got {', '.join(self.codes[i] for i in twice)} more "
                             "than once")
        members = set(given)
        pop = sum(self.population[i] for i in members)
        share = Fraction(pop, self.total_population)
        verdict = "wins" if self.game.is_winning(members) else "loses"
        return (
            f"{len(members)} of {self.game.n} members (need {self.member_quota}, or {self.clause_quota} "
            f"by the blocking-minority clause), {float(share):.2%} of the population "
            f"({pop:,} of {self.total_population:,}; need {self.population_quota:,}): {verdict}"
        )


def _ceil(x: Fraction) -> int:
    return math.ceil(x)


def _read_population(year: int) -> tuple[list[str], list[tuple[str, str, int]], str]:
    """Header lines, rows ``(code, name, population)`` and the resource name of one year's CSV."""
    name = f"population_{year}.csv"
    resource = resources.files("whipcount").joinpath("data", "eu_council", name)
    where = f"whipcount/data/eu_council/{name}"
    if not resource.is_file():
        raise NotFound(f"eu-council-{year}: no bundled population figures for {year} ({where} does not exist)")
    text = resource.read_text(encoding="utf-8")
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    offset = len(header)
    rows: list[tuple[str, str, int]] = []
    reader = csv.DictReader(io.StringIO(body))
    if reader.fieldnames != ["code", "name", "population"]:
        raise PowerError(f"{where}: expected columns code,name,population, found {reader.fieldnames}")
    for line, rec in enumerate(reader, start=offset + 2):
        try:
            population = int(rec["population"])
        except (TypeError, ValueError):
            raise PowerError(
                f"{where}, line {line}: population must be a whole number, found {rec['population']!r}"
            ) from None
        if population <= 0:
            raise PowerError(f"{where}, line {line}: population must be positive, found {population}")
        rows.append((rec["code"], rec["name"], population))
    return header, rows, where


def eu_council(year: int) -> NamedGame:
    """The Council of the EU's qualified majority (on a Commission proposal) with ``year``'s populations."""
    header, rows, where = _read_population(year)
    codes = [code for code, _, _ in rows]
    if len(set(codes)) != len(codes):
        raise PowerError(f"{where}: member codes must be distinct, found {', '.join(codes)}")
    n = len(rows)
    names = [name for _, name, _ in rows]
    population = [pop for _, _, pop in rows]
    total = sum(population)
    member_quota = _ceil(MEMBER_SHARE * n)
    population_quota = _ceil(POPULATION_SHARE * total)
    clause_quota = n - BLOCKING_MINORITY_MEMBERS + 1
    game = VectorGame(
        [WeightedGame([1] * n, member_quota, names=names), WeightedGame(population, population_quota, names=names)],
        or_games=[WeightedGame([1] * n, clause_quota, names=names)],
        names=names,
    )
    source = next((line.removeprefix("Source:").strip() for line in header if line.startswith("Source:")), where)
    verified = not any("UNVERIFIED" in line for line in header)
    rule = (
        f"at least {member_quota} of {n} members (55 %) representing at least {population_quota:,} people "
        f"(65 % of {total:,}), or at least {clause_quota} members (a blocking minority needs "
        f"{BLOCKING_MINORITY_MEMBERS}): TEU Art. 16(4), TFEU Art. 238(3)(a)"
    )
    return NamedGame(
        id=f"eu-council-{year}",
        title=f"Council of the EU, qualified majority, {year} populations",
        game=game,
        codes=tuple(codes),
        population=tuple(population),
        member_quota=member_quota,
        population_quota=population_quota,
        clause_quota=clause_quota,
        rule=rule,
        source=source,
        verified=verified,
        notes=tuple(header),
    )


def named_games() -> tuple[str, ...]:
    """Ids of the bundled games."""
    folder = resources.files("whipcount").joinpath("data", "eu_council")
    years = sorted(
        p.name.removeprefix("population_").removesuffix(".csv")
        for p in folder.iterdir()
        if p.name.startswith("population_") and p.name.endswith(".csv")
    )
    return tuple(f"eu-council-{y}" for y in years)


def named_game(name: str) -> NamedGame:
    """The bundled game called ``name`` (``eu-council-2024``)."""
    key = name.strip().lower()
    if key in named_games():  # every bundled game is "eu-council-<year>"
        return eu_council(int(key.removeprefix("eu-council-")))
    raise NotFound(f"game: no bundled game {name!r}; bundled: {', '.join(named_games())}"
                   f"{did_you_mean(key, named_games())}")
