"""Sources as articles: outlet, headline and publication date in the scenario file, one citation format in
the report and the CLI, clear one-line errors for a bad mapping, and well-formed bundled sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from whipcount.errors import InputError
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Source
from whipcount.report.html import Refs

HEAD = ("chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n"
        "events:\n  - date: 2020-02-01\n    kind: statement\n")


# -- how a citation reads ------------------------------------------------------------------------------

def test_a_full_citation_reads_outlet_headline_date() -> None:
    s = Source("https://www.dawn.com/news/1682318", outlet="Dawn", title="Bhootani quits Imran-led coalition",
               date=dt.date(2022, 3, 8))
    assert s.cite() == "Dawn, “Bhootani quits Imran-led coalition”, 8 March 2022"


@pytest.mark.parametrize(("source", "expected"), [
    (Source("https://www.dawn.com/news/1"), "dawn.com"),  # no outlet: the host, without www.
    (Source("http://news.bbc.co.uk/onthisday/x.stm", date=dt.date(1979, 3, 29)), "news.bbc.co.uk, 29 March 1979"),
    (Source("https://tribune.com.pk/story/2", outlet="The Express Tribune"), "The Express Tribune"),
    (Source("https://x.org/a", title="A headline"), "x.org, “A headline”"),
    (Source("Gazette of Pakistan, Extraordinary, 10 April 2022"), "Gazette of Pakistan, Extraordinary, 10 April 2022"),
    (Source("https://x.org/a", date=dt.date(2021, 12, 31)), "x.org, 31 December 2021"),
])
def test_a_citation_falls_back_to_what_is_known(source: Source, expected: str) -> None:
    assert source.cite() == expected


def test_the_report_lists_citations_linked_to_their_address() -> None:
    refs = Refs()
    bare = Source("https://www.dawn.com/news/1682318")
    full = Source("https://www.dawn.com/news/1682318", "I have decided to leave", "Dawn", "Bhootani quits",
                  dt.date(2022, 3, 31))
    assert refs.cite([bare]) == refs.cite([full]) == '<sup><a class="ref" href="#ref-1">[1]</a></sup>'
    refs.cite(["Gazette of Pakistan", "https://www.thenews.com.pk/print/941344-pti"])
    html = refs.render()
    assert ('<li id="ref-1"><a href="https://www.dawn.com/news/1682318" rel="noopener">'
            "Dawn, “Bhootani quits”, 31 March 2022</a> <q>I have decided to leave</q></li>") in html
    assert '<li id="ref-2">Gazette of Pakistan</li>' in html
    # no headline: the address follows the citation, so two articles of one outlet stay apart on paper
    assert ('<li id="ref-3"><a href="https://www.thenews.com.pk/print/941344-pti" rel="noopener">thenews.com.pk</a> '
            '<span class="ref-url">www.thenews.com.pk/print/941344-pti</span></li>') in html


def test_an_article_described_once_is_described_everywhere(write_scenario) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(
        HEAD + "    source: {url: 'https://www.dawn.com/news/1', outlet: Dawn, title: A b, date: 2020-02-01}\n"
        "  - date: 2020-02-02\n    kind: statement\n    sources: [https://www.dawn.com/news/1,"
        " {url: 'https://www.dawn.com/news/1', quote: said so}]\n")
    sc = load_scenario(path)
    later = sc.events[1].sources
    assert [s.cite() for s in later] == ["Dawn, “A b”, 1 February 2020"] * 2
    assert later[1].quote == "said so"


# -- bad input: one line naming the file, the line and the field ---------------------------------------

BAD = {
    "unknown-field": ("{url: 'https://x.org/a', outlt: Dawn}", r":7: events\[0\]\.source\.outlt: unknown field"),
    "bad-date": ("{url: 'https://x.org/a', date: 2022-02-30}",
                 r":7: events\[0\]\.source\.date: no such day: February 2022 has 28 days, got '2022-02-30'"),
    "date-in-words": ("{url: 'https://x.org/a', date: 8 March}",
                      r":7: events\[0\]\.source\.date: expected a date as YYYY-MM-DD, got '8 March'"),
    "not-http": ("{url: 'ftp://x.org/a', outlet: X}",
                 r":7: events\[0\]\.source\.url: expected an http:// or https:// address, got 'ftp://x.org/a'"),
    "script": ("{url: 'javascript:alert(1)'}", r":7: events\[0\]\.source\.url: expected an http:// or https://"),
    "space": ("{url: 'https://www.dawn.com/news/1 x'}", r":7: events\[0\]\.source\.url: expected an address "
                                                        r"without spaces"),
    "no-host": ("{url: 'https:///news/1'}", r":7: events\[0\]\.source\.url: expected an address with a host name"),
    "no-url": ("{outlet: Dawn}", r":7: events\[0\]\.source\.url: required field is missing"),
    "empty-outlet": ("{url: 'https://x.org/a', outlet: ''}", r":7: events\[0\]\.source\.outlet: "),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_source_mapping_is_one_clear_line(name: str, write_scenario, run_cli) -> None:  # type: ignore[no-untyped-def]
    given, pattern = BAD[name]
    path = write_scenario(HEAD + f"    source: {given}\n")
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert re.search(r"scenario\.yaml" + pattern, str(exc.value)), str(exc.value)
    r = run_cli("tally", str(path))
    assert r.code == 1 and r.out == "" and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1, r.err


def test_two_descriptions_of_one_article_that_disagree_name_the_second(write_scenario) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(
        HEAD + "    source: {url: 'https://x.org/a', outlet: Dawn}\n"
        "  - date: 2020-02-02\n    kind: statement\n    source:\n      url: https://x.org/a\n"
        "      outlet: The News\n")
    with pytest.raises(InputError, match=r"scenario\.yaml:12: events\[1\]\.source\.outlet: 'The News' differs "
                                         r"from 'Dawn' given for the same address at line 7"):
        load_scenario(path)


def test_old_forms_stay_valid(write_scenario) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(HEAD + "    sources: [https://x.org/a, 'Gazette, 1 May 2020', "
                                 "{url: 'https://x.org/b', quote: it said}]\n")
    got = load_scenario(path).events[0].sources
    assert got == (Source("https://x.org/a"), Source("Gazette, 1 May 2020"), Source("https://x.org/b", "it said"))


# -- the bundled data ----------------------------------------------------------------------------------

def _sources_in(value: Any) -> Iterator[Any]:
    """Every source in a parsed YAML file: the values of `source` keys and the items of `sources` lists."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "source" and isinstance(child, str | dict) and not (isinstance(child, dict)
                                                                           and "article" in child):
                yield child
            elif key == "sources" and isinstance(child, list):
                yield from child
            else:
                yield from _sources_in(child)
    elif isinstance(value, list):
        for item in value:
            yield from _sources_in(item)


def _bundled_files() -> list[str]:
    data = resources.files("whipcount") / "data"
    names = [f"scenarios/{sid}.yaml" for sid in bundled_scenarios()] + ["historic_votes.yaml"]
    return [(data / name).read_text(encoding="utf-8") for name in names]


BUNDLED = [s for text in _bundled_files() for s in _sources_in(yaml.safe_load(text))]
WELL_FORMED = re.compile(r"https?://[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:/[^\s]*)?", re.IGNORECASE)


def test_the_bundled_files_have_sources() -> None:
    assert len(BUNDLED) > 200  # guards the walk above: it finds every source, not none


@pytest.mark.parametrize("source", BUNDLED, ids=lambda s: str(s if isinstance(s, str) else s["url"])[:70])
def test_every_bundled_source_is_a_well_formed_address_with_a_valid_date(source: Any) -> None:
    url = source if isinstance(source, str) else source["url"]
    assert WELL_FORMED.fullmatch(url), url
    parts = urlsplit(url)
    host = parts.hostname or ""
    segments = [p for p in parts.path.split("/") if p]
    if any(seg in ("http:", "https:") for seg in segments):  # an archive's copy: the archived address follows
        segments = segments[: [seg in ("http:", "https:") for seg in segments].index(True)]
    # a path segment that is itself a host name (".../news/1680931/i.dawn.com") is a slug lost in copying
    assert not any(seg.startswith(("i.", "www.")) or seg.endswith((host, ".com", ".pk")) for seg in segments), url
    assert len(segments) == len(set(segments)) or parts.query, f"a repeated path segment: {url}"
    assert "//" not in parts.path.replace("http://", "").replace("https://", "") and ".." not in url and not url.endswith((".", ",", ")")), url
    if isinstance(source, dict):
        assert set(source) <= {"url", "quote", "outlet", "title", "date"}, source
        if "date" in source:
            assert isinstance(source["date"], dt.date), f"{url}: date {source['date']!r} is not YYYY-MM-DD"
            assert dt.date(1945, 1, 1) <= source["date"] <= dt.date(2026, 12, 31), url


def test_every_bundled_scenario_loads_with_its_citations() -> None:
    for sid in bundled_scenarios():
        sc = load_scenario(sid)
        for s in sc.sources:
            assert s.cite()


def test_the_cli_event_table_prints_the_citation_and_its_address() -> None:
    from rich.console import Console

    from whipcount.cli.tally import events_table

    sc = load_scenario("pk-na-2022")
    table = events_table(sc, dt.date(2022, 3, 28), dt.date(2022, 3, 29))
    assert table is not None
    console = Console(width=400, record=True, color_system=None)
    console.print(table)
    text = console.export_text()
    assert "Dawn, “Bhootani quits Imran-led coalition”, 29 March 2022" in text
    assert "https://www.dawn.com/news/1682318/bhootani-quits-imran-led-coalition" in text



def _fields_of(schema: Any, cls: type) -> dict[str, Any]:
    """The field schemas of ``cls`` in a model's validation schema (its own, or a model's it holds)."""
    todo = [schema]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo += node
        elif isinstance(node, dict):
            if node.get("type") == "model-fields" and node.get("model_name") == cls.__name__:
                return dict(node["fields"])
            todo += [v for k, v in node.items() if k not in ("cls", "metadata")]
    raise AssertionError(f"no fields of {cls.__name__}")


def _plain(node: Any) -> str:
    """A schema as text without what differs between two builds of the same one: addresses and ref ids."""
    return re.sub(r" at 0x[0-9a-f]+|:[0-9]{6,}", "", repr(node))


def test_every_source_field_has_the_schema_of_the_source_forms_built_alone() -> None:
    # the sources' schema is built once and copied to each field that holds one; the truth is the same
    # forms built for a model of their own, field by field (the same schema validates the same way)
    from pydantic import Field, create_model

    from whipcount.io import scenario_schema
    from whipcount.io.input_base import InputModel
    from whipcount.io.scenario_sources import _SOURCE_FORMS

    alone = create_model("Alone", __base__=InputModel, source=(_SOURCE_FORMS | None, None),
                         sources=(list[_SOURCE_FORMS] | None, Field(default=None, max_length=1000)))
    truth = _fields_of(alone.__pydantic_core_schema__, alone)
    models = [m for m in vars(scenario_schema).values()
              if isinstance(m, type) and issubclass(m, InputModel) and "sources" in m.model_fields]
    assert len(models) >= 11  # ten with source and sources, the file itself with sources
    for model in models:
        fields = _fields_of(model.__pydantic_core_schema__, model)
        for name in ("source", "sources"):
            if name in model.model_fields and model is not scenario_schema.ScenarioFile:
                assert _plain(fields[name]) == _plain(truth[name]), (model.__name__, name)
    # the file's own list of sources has another default, the same items
    top = _fields_of(scenario_schema.ScenarioFile.__pydantic_core_schema__, scenario_schema.ScenarioFile)
    assert _plain(top["sources"]["schema"]["schema"]["items_schema"]) == \
        _plain(truth["sources"]["schema"]["schema"]["schema"]["items_schema"])
    assert "SourceIn" in _plain(truth["source"]) and "check_source_url" in _plain(truth["sources"])
