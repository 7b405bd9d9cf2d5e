"""The stores the storage tests run on: an SQLite file, and a scratch database on the PostgreSQL test
server when WHIPCOUNT_TEST_PG names one (in CI it must: there a missing server fails, not skips)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from whipcount.io.scenario import load_scenario
from whipcount.storage import Store, normalise_url, schema

PK = "pk-na-2022"


def pg_url() -> str:
    """The PostgreSQL test server's URL, or skip (fail in CI)."""
    url = os.environ.get("WHIPCOUNT_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("WHIPCOUNT_TEST_PG is not set in CI: the PostgreSQL storage tests must run there")
        pytest.skip("PostgreSQL tests need WHIPCOUNT_TEST_PG=postgresql://USER@HOST:PORT/DB (not set)")
    return url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A scratch database on the PostgreSQL test server, dropped at the end of the session."""
    base = pg_url()
    name = "wc_test_" + uuid.uuid4().hex[:10]
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Store]:
    """An empty, migrated store: an SQLite file, or emptied tables on the PostgreSQL test server."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'wc.db'}")
    else:
        url = request.getfixturevalue("pg_database")
        engine = create_engine(normalise_url(url))
        schema.metadata.drop_all(engine)
        engine.dispose()
        s = Store(url)
    yield s
    s.close()


@pytest.fixture
def loaded(store: Store) -> Store:
    """The bundled Pakistan scenario in a fresh store."""
    store.save_scenario(load_scenario(PK), user="loader")
    return store


def index_names(url: str, table: str) -> set[str]:
    """The names of ``table``'s indexes in the database at ``url``, read by a connection of its own."""
    engine = create_engine(url)
    try:
        return {str(i["name"]) for i in inspect(engine).get_indexes(table)}
    finally:
        engine.dispose()


def column_names(url: str, table: str) -> set[str]:
    """The names of ``table``'s columns in the database at ``url``, read by a connection of its own."""
    engine = create_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()
