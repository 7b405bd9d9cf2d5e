"""Storage: scenarios round-trip through SQL, the whip count keeps its history, writes are atomic and
concurrent editors never overwrite each other silently. Runs on SQLite, and on PostgreSQL when
WHIPCOUNT_TEST_PG names a server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from whipcount.errors import ConflictError, InputError, ModelError, NotFound, StorageError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Scenario
from whipcount.storage import Migrations, Store, Subject, migrations, normalise_url, schema
from whipcount.tally import count_scenario

PK = "pk-na-2022"


def _as_stored(sc: Scenario) -> Scenario:
    """A scenario as the store gives it back: its stances in the order the count reads them (by date, those of
    one date as the file lists them)."""
    return dataclasses.replace(sc, stances=tuple(sorted(sc.stances, key=lambda s: s.date)))


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("scenarios", "parties", "events", "stances", "stance_history", "audit", "users")}


# -- round trip -----------------------------------------------------------------------------------------
def test_a_scenario_reads_back_equal_to_the_file_it_was_loaded_from(loaded: Store) -> None:
    assert loaded.scenario(PK) == _as_stored(load_scenario(PK))


def test_the_whip_count_of_the_stored_scenario_is_the_files(loaded: Store) -> None:
    # the bundled file records PTI's dissidents one by one and JI's one seat; the rest take their side's default
    stored = count_scenario(loaded.scenario(PK, history=False))
    original = count_scenario(load_scenario(PK))
    assert stored.by_stance() == original.by_stance()
    # absent on 10 April: PTI's 155 (the boycott, the 20 of its references, Khawaja Sheraz) + Ayaz Sadiq presiding
    assert stored.by_stance()["absent"] == 155 + 1


def test_a_stance_change_moves_exactly_that_partys_seats(loaded: Store) -> None:
    before = count_scenario(loaded.scenario(PK, history=False)).by_stance()
    # MQM-P held 7 seats and was in opposition by the vote (it switched on 30 March): default yes
    loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="ed", date=dt.date(2022, 4, 1))
    after = count_scenario(loaded.scenario(PK, history=False)).by_stance()
    assert after["yes"] == before["yes"] - 7
    assert after["no"] == before["no"] + 7


def test_bundled_stances_keep_their_history_and_current_value(loaded: Store) -> None:
    rows = {r.subject: r for r in loaded.stances(PK)}
    assert rows["member:raja-riaz"].stance == "absent"  # 10 April replaces 19 March's lean-yes
    assert rows["member:raja-riaz"].version == 2
    hist = loaded.history(PK, subject="member:raja-riaz")
    assert [(h.old_stance, h.new_stance) for h in reversed(hist)] == [(None, "lean-yes"), ("lean-yes", "absent")]
    # Deharr: lean-yes (19 March), back with the Prime Minister (26 March), absent on the day (10 April)
    hist = loaded.history(PK, subject="member:ahmed-hussain-deharr")
    assert [h.new_stance for h in reversed(hist)] == ["lean-yes", "no", "absent"]


def test_loading_the_same_id_twice_needs_replace(loaded: Store) -> None:
    with pytest.raises(ConflictError, match="already in the database .*--replace"):
        loaded.save_scenario(load_scenario(PK))
    loaded.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="ed")
    loaded.save_scenario(load_scenario(PK), replace=True)
    assert loaded.stance(PK, "party:ppp") is None  # the old whip count went with it
    assert loaded.scenario(PK) == _as_stored(load_scenario(PK))


# -- optimistic concurrency -------------------------------------------------------------------------------
def test_the_second_editor_gets_a_conflict_and_the_newer_value(loaded: Store) -> None:
    read_by_both = 0
    loaded.set_stance(PK, "party:gda", stance="lean-yes", version=read_by_both, user="alice", note="defecting")
    with pytest.raises(ConflictError) as err:
        loaded.set_stance(PK, "party:gda", stance="no", version=read_by_both, user="bob")
    current = err.value.current  # type: ignore[attr-defined]
    assert (current.stance, current.version, current.updated_by) == ("lean-yes", 1, "alice")
    assert "lean-yes" in str(err.value) and "alice" in str(err.value)
    row = loaded.stance(PK, "party:gda")
    assert row is not None and (row.stance, row.version) == ("lean-yes", 1)
    # bob, having seen alice's value, may change it deliberately
    loaded.set_stance(PK, "party:gda", stance="no", version=1, user="bob")
    assert [h.changed_by for h in loaded.history(PK, subject="party:gda")] == ["bob", "alice"]


def test_concurrent_editors_never_lose_a_write(loaded: Store) -> None:
    rounds, editors = 6, 8
    wins: list[str] = []
    lock = threading.Lock()
    for r in range(rounds):
        row = loaded.stance(PK, "party:anp")
        version = row.version if row else 0
        barrier = threading.Barrier(editors)

        def edit(i: int, version: int = version, r: int = r, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                loaded.set_stance(PK, "party:anp", stance=("yes", "no")[i % 2], version=version, user=f"e{i}",
                                  note=f"round {r}")
            except ConflictError:
                return
            with lock:
                wins.append(f"e{i}")

        threads = [threading.Thread(target=edit, args=(i,)) for i in range(editors)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(wins) == rounds  # exactly one editor wins each round
    assert loaded.count_audit(PK, action="stance.set") == rounds
    assert loaded.stance(PK, "party:anp").version == rounds  # type: ignore[union-attr]
    assert [h.changed_by for h in reversed(loaded.history(PK, subject="party:anp"))] == wins


# -- atomic writes ------------------------------------------------------------------------------------------
def test_a_failed_stance_write_leaves_the_store_unchanged(loaded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before, rev = _counts(loaded), loaded.revision(PK)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise StorageError("disk full (simulated)")

    monkeypatch.setattr(loaded, "_audit", broken)  # fails after the stance row and history were written
    with pytest.raises(StorageError, match="simulated"):
        loaded.set_stance(PK, "party:ppp", stance="no", version=0, user="ed")
    assert _counts(loaded) == before
    assert loaded.stance(PK, "party:ppp") is None
    assert loaded.revision(PK) == rev


def test_a_failed_load_stores_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _counts(store)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise StorageError("connection lost (simulated)")

    monkeypatch.setattr(store, "_import_stances", broken)  # after scenario, parties and events are inserted
    with pytest.raises(StorageError):
        store.save_scenario(load_scenario(PK))
    assert _counts(store) == before
    assert not store.has_scenario(PK)


def test_an_event_that_cannot_replay_is_refused_and_not_stored(loaded: Store) -> None:
    before = _counts(loaded)
    # AML held 1 seat: moving 5 of them cannot happen
    day = dt.date(2022, 4, 1)
    bad = Event(date=day, kind="switch-side", party="aml", seats=5, to="opposition")
    with pytest.raises(ModelError, match="nothing was written"):
        loaded.append_event(PK, bad, user="ed", confirm=True)
    assert _counts(loaded) == before
    good = Event(date=day, kind="switch-side", party="aml", seats=1, to="opposition")
    seq = loaded.append_event(PK, good, user="ed", reason="test", confirm=True)
    assert seq == len(load_scenario(PK).events) + 1
    assert load_scenario(PK).state(day).party("aml").by_side == (("government", 1),)
    assert loaded.scenario(PK).state(day).party("aml").by_side == (("opposition", 1),)
    assert loaded.audit(PK, limit=1)[0].action == "event.append"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"subject": "party:pti", "stance": "maybe"}, "stance: expected one of"),
        ({"subject": "pti", "stance": "yes"}, "subject: expected party:ID"),
        ({"subject": "party:PTI", "stance": "yes"}, "subject: expected"),
        ({"subject": "party:pti", "stance": "yes", "source": "javascript:alert(1)"}, "http:// or https://"),
        ({"subject": "party:pti", "stance": "yes", "note": "x" * 2001}, "at most 2,000 characters, got 2,001"),
        ({"subject": "party:pti/part", "stance": "yes"}, "needs how many seats"),
        ({"subject": "party:pti", "stance": "yes", "seats": 3}, "only a part"),
        ({"subject": "party:pti/part", "stance": "yes", "seats": 400}, "holds only"),
        ({"subject": "party:pti@nowhere", "stance": "yes"}, "unknown side"),
        ({"subject": "party:pti", "stance": "yes", "version": -1}, "version"),
        # the scenario's seats start on 8 March 2022 (chamber.as_of): a stance before then counts nothing
        ({"subject": "party:pti", "stance": "yes", "date": dt.date(2022, 3, 7)}, r"2022-03-08 or later.*2022-03-07"),
        ({"subject": "party:pti/part", "stance": "yes", "seats": None}, "got nothing"),
    ],
)
def test_bad_stance_input_is_refused_with_nothing_stored(loaded: Store, kwargs: dict[str, Any], message: str) -> None:
    before = _counts(loaded)
    args = {"version": 0, "user": "ed", **kwargs}
    with pytest.raises(InputError, match=message):
        loaded.set_stance(PK, **args)
    assert _counts(loaded) == before


def test_a_stance_on_the_day_the_seats_start_is_kept(loaded: Store) -> None:
    """The refused date above is one day early: on the chamber's as_of date itself a stance counts."""
    row = loaded.set_stance(PK, "party:gda", stance="yes", version=0, user="ed", date=dt.date(2022, 3, 8))
    assert row.version == 1 and row.date == dt.date(2022, 3, 8)
    assert loaded.stance(PK, "party:gda").stance == "yes"  # type: ignore[union-attr]


def test_unknown_scenario_party_or_member_is_not_found(loaded: Store) -> None:
    with pytest.raises(NotFound):
        loaded.set_stance("nope", "party:pti", stance="yes", version=0, user="ed")
    with pytest.raises(NotFound, match="no party 'xyz'"):
        loaded.set_stance(PK, "party:xyz", stance="yes", version=0, user="ed")
    with pytest.raises(NotFound, match="no member"):
        loaded.set_stance(PK, "member:nobody", stance="yes", version=0, user="ed")
    with pytest.raises(NotFound):
        loaded.scenario("nope")


def test_a_subject_is_checked_before_a_form_is_drawn(loaded: Store) -> None:
    assert str(loaded.check_subject(PK, "party:bap@government")) == "party:bap@government"
    assert str(loaded.check_subject(PK, "party:bap@opposition")) == "party:bap"  # its main side: one spelling
    assert str(loaded.check_subject(PK, "member:raja-riaz")) == "member:raja-riaz"
    with pytest.raises(NotFound, match="no party 'xyz'"):
        loaded.check_subject(PK, "party:xyz")
    with pytest.raises(NotFound, match="no member"):
        loaded.check_subject(PK, "member:nobody")
    with pytest.raises(InputError, match="unknown side"):
        loaded.check_subject(PK, "party:pti@nowhere")
    with pytest.raises(NotFound):
        loaded.check_subject("nope", "party:pti")


# -- the audit trail ----------------------------------------------------------------------------------------
def test_the_audit_trail_says_who_what_when_from_what_to_what_and_why(loaded: Store) -> None:
    loaded.set_stance(PK, "party:bnp-m", stance="lean-no", version=0, user="alice",
                      source="https://example.org/report", note="Mengal said so on TV")
    loaded.set_stance(PK, "party:bnp-m", stance="no", version=1, user="bob", note="confirmed")
    last, first = loaded.audit(PK, limit=2)
    assert (first.user, first.action, first.target) == ("alice", "stance.set", "party:bnp-m")
    assert first.before is None and first.after["stance"] == "lean-no"
    assert first.reason == "Mengal said so on TV" and first.after["source"] == "https://example.org/report"
    assert (last.user, last.before["stance"], last.after["stance"], last.reason) == ("bob", "lean-no", "no", "confirmed")
    assert last.at >= first.at and last.at.tzinfo is not None


# -- users ---------------------------------------------------------------------------------------------------
def test_users_have_argon2_hashes_and_checked_roles(store: Store) -> None:
    store.add_user("alice", "editor", "correct horse")
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE name = 'alice'")).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.authenticate("alice", "correct horse") is not None
    assert store.authenticate("alice", "wrong horse") is None
    assert store.authenticate("mallory", "correct horse") is None
    with pytest.raises(ConflictError):
        store.add_user("alice", "viewer", "another one")
    with pytest.raises(InputError, match="role"):
        store.add_user("bob", "boss", "long enough")
    with pytest.raises(InputError, match="at least 8"):
        store.add_user("bob", "viewer", "short")


def test_accounts_and_sessions_on_every_backend(store: Store) -> None:
    alice = store.add_user("alice", "editor", "correct horse")
    sid, csrf = store.sessions.create(alice.id)
    row = store.sessions.lookup(sid)
    assert row is not None and (row.name, row.role, row.csrf) == ("alice", "editor", csrf)
    assert store.sessions.lookup(sid + "x") is None and store.sessions.lookup("") is None
    store.accounts.set_role("alice", "viewer")
    assert store.sessions.lookup(sid).role == "viewer"  # type: ignore[union-attr]
    store.accounts.set_password("alice", "another long one")
    assert store.sessions.lookup(sid) is None
    assert store.authenticate("alice", "another long one") is not None
    again, _ = store.sessions.create(alice.id)
    assert [u.name for u in store.accounts.all()] == ["alice"] and store.sessions.live(alice.id) == 1
    store.accounts.remove("alice")
    assert store.sessions.lookup(again) is None and store.user("alice") is None
    actions = [a.action for a in store.audit(action=None)][::-1]
    assert actions == ["user.add", "user.role", "user.password", "user.remove"]
    with pytest.raises(NotFound, match="no user 'alice'"):
        store.accounts.set_role("alice", "editor")


def test_the_session_secret_is_created_once(store: Store) -> None:
    assert store.secret() == store.secret() and len(store.secret()) >= 40


# -- migrations ------------------------------------------------------------------------------------------------
def test_migrations_are_recorded_and_run_once(store: Store) -> None:
    assert migrations.applied(store.engine) == ["m001_initial", "m002_sessions", "m003_audit_indexes",
                                                  "m004_audit_target_index", "m005_session_notices",
                                                  "m006_motion_stances", "m007_motion_take_backs",
                                                  "m008_audit_append_only", "m009_set_aside_idle_values"]
    assert migrations.apply(store.engine) == []
    tables = set(inspect(store.engine).get_table_names())
    assert {t.name for t in schema.metadata.sorted_tables} <= tables


def test_a_migration_name_can_be_registered_once() -> None:
    m = Migrations("test")

    @m()
    def m001_a(conn: Any) -> None: ...

    with pytest.raises(ValueError, match="Migration 'm001_a' is already registered in set 'test'"):
        m(name="m001_a")(lambda conn: None)


def test_a_failing_migration_is_not_recorded(tmp_path: Any) -> None:
    m = Migrations("test")

    @m()
    def m001_table(conn: Any) -> None:
        conn.execute(text("CREATE TABLE t1 (x INTEGER)"))

    @m()
    def m002_broken(conn: Any) -> None:
        conn.execute(text("CREATE TABLE t2 (x INTEGER)"))
        raise RuntimeError("broken migration")

    engine = Store(f"sqlite:///{tmp_path / 'm.db'}", migrate=False).engine  # BEGIN covers DDL too
    with pytest.raises(RuntimeError):
        m.apply(engine)
    assert m.applied(engine) == ["m001_table"]
    assert "t2" not in inspect(engine).get_table_names()


def test_a_database_that_cannot_open_is_one_clear_error(tmp_path: Any) -> None:
    (tmp_path / "not a folder").write_text("", encoding="utf-8")
    (tmp_path / "папка").mkdir()
    cases = {  # what SQLite says of each is only "unable to open database file"
        tmp_path / "missing folder" / "wc.db": f"folder {tmp_path / 'missing folder'} does not exist; expected an "
                                               "existing folder to hold the database file (create it)",
        tmp_path / "not a folder" / "wc.db": f"{tmp_path / 'not a folder'} is not a folder; expected the folder to "
                                             "hold the database file",
        tmp_path / "папка": f"{tmp_path / 'папка'} is a folder; expected an SQLite database file (such as "
                            f"{tmp_path / 'папка' / 'whipcount.db'})",
    }
    for path, problem in cases.items():
        with pytest.raises(StorageError) as caught:
            Store(f"sqlite:///{path}")
        assert str(caught.value) == f"sqlite:///{path}: cannot open the database: {problem}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not a folder", "папка"]  # nothing was created
    assert list((tmp_path / "папка").iterdir()) == []
    with pytest.raises(StorageError, match=r"not .mysql. \(expected sqlite:///FILE or postgresql://"):
        Store("mysql://someone@somewhere/db")


def test_postgres_urls_use_psycopg_3() -> None:
    assert normalise_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_url("x.db") == "sqlite:///x.db"


ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)


@given(kind=st.sampled_from(["party", "member"]), ref=ids, side=st.none() | ids, part=st.booleans())
def test_subjects_read_back_as_written(kind: str, ref: str, side: str | None, part: bool) -> None:
    if kind == "member":
        side, part = None, False
    s = Subject(kind, ref, side, part)
    assert Subject.parse(str(s)) == s


def test_a_database_in_a_folder_it_cannot_write_in_says_so(tmp_path: Any) -> None:
    """SQLite writes its journal beside the file (WAL), even to read: in a read-only folder every command
    said only 'attempt to write a readonly database'. Run with file permissions holding (as a user, or as
    root without the capability to override them)."""
    folder = tmp_path / "kept"
    folder.mkdir()
    Store(f"sqlite:///{folder / 'wc.db'}").close()
    for end in ("-wal", "-shm"):
        (folder / f"wc.db{end}").unlink(missing_ok=True)
    folder.chmod(0o555)
    prefix = [] if os.geteuid() != 0 else ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                                           "--inh-caps=-dac_override,-dac_read_search"]
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to hold")
    try:
        probe = subprocess.run([*prefix, "sh", "-c", "echo x > probe"], cwd=folder, capture_output=True, check=False)
        assert probe.returncode != 0  # the truth: nothing can be written in the folder
        got = subprocess.run([*prefix, sys.executable, "-m", "whipcount.cli.main", "users", "list", "--db",
                              "sqlite:///kept/wc.db"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                             check=False)
    finally:
        folder.chmod(0o755)
    assert (got.returncode, got.stdout) == (1, "")
    assert got.stderr.splitlines() == [
        "error: sqlite:///kept/wc.db: cannot open the database: folder kept is not writable; expected a folder "
        "you may write in (SQLite keeps its journal, wc.db-wal, beside the database file, even to read it)"]


@pytest.mark.parametrize(("change", "error"), [
    ({"note": "n" * 2001}, r"^event\.note: expected at most 2,000 characters, got 2,001; nothing was written$"),
    ({"summary": "s" * 2001}, r"^event\.summary: expected at most 2,000 characters, got 2,001; nothing was written$"),
    ({"note": "a bell \x07 rings"}, r"^event\.note: .*control character"),
    ({"extras": (("k" * 200, "v"),)}, r"^event\.extras\.k{79}"),
    ({"members": tuple(f"m{i}" for i in range(20_001))}, r"^event\.members: 20,001 listed; at most 20,000 accepted"),
])
def test_an_event_appended_from_python_is_held_to_a_files_caps(loaded: Store, change: dict[str, object],
                                                               error: str) -> None:
    """The dashboard's events pass the scenario file's model; one made in Python is held to the same caps."""
    before = _counts(loaded)
    good = Event(date=dt.date(2022, 4, 1), kind="switch-side", party="aml", seats=1, to="opposition")
    with pytest.raises(InputError, match=error):
        loaded.append_event(PK, dataclasses.replace(good, **change), user="ed", confirm=True)  # type: ignore[arg-type]
    assert _counts(loaded) == before
    assert loaded.append_event(PK, dataclasses.replace(good, note="n" * 2000), user="ed", confirm=True) > 0


def _renamed_party(sc: Scenario, name: str) -> Scenario:
    return dataclasses.replace(sc, parties=(dataclasses.replace(sc.parties[0], name=name), *sc.parties[1:]))


@pytest.mark.parametrize(("change", "error"), [
    (lambda sc: dataclasses.replace(sc, description="d" * 20_001),
     r"^scenario pk-na-2022: description: expected at most 20,000 characters, got 20,001; nothing was written$"),
    (lambda sc: _renamed_party(sc, "n" * 501), r"^scenario pk-na-2022: parties\[0\]\.name: .*500"),
    (lambda sc: _renamed_party(sc, "Red\x1b]0;owned\x07"), r"^scenario pk-na-2022: parties\[0\]\.name: .*control"),
    (lambda sc: dataclasses.replace(sc, events=(dataclasses.replace(sc.events[0], note="n" * 2001), *sc.events[1:])),
     r"^scenario pk-na-2022: events\[0\]\.note: expected at most 2,000 characters, got 2,001; nothing was written$"),
])
def test_a_scenario_built_in_python_is_held_to_a_files_caps(store: Store, change: Any, error: str) -> None:
    """A scenario saved from Python passes what its file would (the same model): a party named with a
    terminal escape, or a description past its cap, is refused naming the field, and nothing is written."""
    before = _counts(store)
    with pytest.raises(InputError, match=error):
        store.save_scenario(change(load_scenario(PK)), user="ed")
    assert _counts(store) == before and not store.has_scenario(PK)
    store.save_scenario(load_scenario(PK), user="ed")  # the file's own scenario is taken
    assert store.has_scenario(PK)
