"""``whipcount serve``, ``whipcount users add|list|remove|set-role|set-password``, ``whipcount db load|dump``:
the web app and its database."""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import sys
from pathlib import Path

import click

from whipcount.cli.app import F, cli, console, readable, write_output
from whipcount.cli.numbers import FiniteRange, WholeNumber
from whipcount.cli.params import Choice
from whipcount.errors import InputError
from whipcount.model.ids import nearest

DEFAULT_DB = "sqlite:///whipcount.db"


def db_option(fn: F) -> F:
    """Add ``--db URL`` (default: ``whipcount.db`` in the current folder)."""
    return click.option(
        "--db", "db", default=None, metavar="URL", envvar="WHIPCOUNT_DB", show_envvar=True, callback=_check_db,
        help="Database URL: sqlite:///FILE or postgresql://USER@HOST/DB (default: whipcount.db here).",
    )(fn)


def _check_reason(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from whipcount.io.limits import MAX_NOTE
    from whipcount.storage.store_core import check_text

    try:
        return check_text("reason", value, MAX_NOTE)
    except InputError as exc:
        raise click.BadParameter(str(exc).removeprefix("reason: ")) from None


def reason_option(fn: F) -> F:
    """``--reason``: why, kept in the audit trail's row of the change (its ``reason``)."""
    return click.option("--reason", metavar="TEXT", callback=_check_reason,
                        help="Why, kept in the audit trail with the change.")(fn)


def _store(db: str | None, *, existing: bool = False):  # type: ignore[no-untyped-def]
    """The database ``--db`` names; ``existing`` (a command with nothing to store): an SQLite file that is not
    there is refused, not created empty."""
    from whipcount.io.limits import remember_read
    from whipcount.storage import Store
    from whipcount.storage.engine import in_memory, normalise_url, sqlite_file

    url = db or DEFAULT_DB
    if in_memory(normalise_url(url)):  # what the command stores would be gone when it ends
        raise InputError(f"--db {readable(url)}: an in-memory database keeps nothing once the command ends; "
                         "expected sqlite:///FILE or postgresql://USER@HOST/DB")
    path = sqlite_file(normalise_url(url))
    if existing and path is not None and not os.path.lexists(path):
        raise InputError(f"--db {url}: no database at {path} (`whipcount db load SCENARIO` or "
                         "`whipcount users add` creates one)")
    if path is not None:
        remember_read(path)  # an output (db dump -o) must not replace the database it is read from
    store = Store(url)
    _warn_notes(store.notes)
    return store


def _warn_notes(notes: list[str]) -> None:
    """What migrating the database set aside, as warnings on stderr."""
    from whipcount.cli.app import err_console

    for note in notes:
        err_console.print(f"warning: {readable(note)}")


def _user() -> str:
    """Who runs the command, for the audit trail (:func:`~whipcount.storage.system_account.system_account`)."""
    from whipcount.storage.system_account import system_account

    return system_account()


def _check_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An empty URL would silently mean the default file in the current folder: refuse it."""
    if value is not None and not value.strip():
        raise click.BadParameter("expected a database URL (sqlite:///FILE or postgresql://...), got ''")
    return value


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=WholeNumber(1, 65535), help="Port.")
@click.option("--public-read", is_flag=True, help="Let anyone read the dashboard without signing in.")
@click.option("--seed", "seed", default="pk-na-2022", show_default=True, metavar="SCENARIO",
              help="Scenario loaded when the database holds none ('' for none).")
@click.option("--session-idle", default=12.0, show_default=True, type=FiniteRange(0.01, 24 * 90),
              metavar="HOURS", help="A session ends after this long without a request.")
@click.option("--session-lifetime", default=14.0, show_default=True, type=FiniteRange(0.01, 365),
              metavar="DAYS", help="A session ends this long after sign-in, used or not.")
@click.option("--max-body", default=1_000_000, show_default=True, type=WholeNumber(1024, 100_000_000),
              metavar="BYTES", help="Refuse request bodies larger than this (413).")
@click.option("--behind-proxy", is_flag=True,
              help="Behind a reverse proxy: trust X-Forwarded-For from --proxy addresses; Secure cookies.")
@click.option("--proxy", "proxies", multiple=True, default=("127.0.0.1",), show_default=True, metavar="ADDR",
              callback=lambda _ctx, _param, value: _check_proxies(value),
              help="Address of a trusted reverse proxy (repeat for more); only with --behind-proxy.")
@click.option("--secure-cookies/--no-secure-cookies", default=None,
              help="Mark cookies Secure (HTTPS only). Default: on with --behind-proxy, else off.")
def serve(db: str | None, host: str, port: int, public_read: bool, seed: str, session_idle: float,
          session_lifetime: float, max_body: int, behind_proxy: bool, proxies: tuple[str, ...],
          secure_cookies: bool | None) -> None:
    """Start the web app: dashboard, editing with accounts, live updates, JSON API (/api/docs).

    The database is created and migrated on first run. Writing needs an account
    (`whipcount users add NAME --role editor`).

    Needs the web extra: pip install 'whipcount[web]'.
    """
    import uvicorn

    from whipcount.storage.engine import in_memory
    from whipcount.web.app import create_app

    sock = _listen(host, port)  # before anything else: a taken port is one line, and nothing is started
    app = create_app(db or DEFAULT_DB, public_read=public_read, seed_scenario=seed or None,
                     session_idle=dt.timedelta(hours=session_idle),
                     session_lifetime=dt.timedelta(days=session_lifetime), max_body=max_body,
                     behind_proxy=behind_proxy, proxies=proxies, secure_cookies=secure_cookies)
    store = app.state.wc.store
    _warn_notes(store.notes)
    if in_memory(store.url):  # no other process reaches it: `users add` could not make an account in it
        console.print(f"whipcount on http://{host}:{port}/  (database: in memory; nothing is kept when it stops)")
    else:
        console.print(f"whipcount on http://{host}:{port}/  (database: {store.url.split('@')[-1]})")
    if store.user_count() == 0 and not in_memory(store.url):
        where = f" --db {db}" if db else ""
        console.print(f"no accounts yet: create one with `whipcount users add NAME --role admin{where}`"
                      + ("" if public_read else ", or start with --public-read to let anyone read"))
    # proxy_headers off: the app alone decides whose X-Forwarded-For to trust (--behind-proxy, --proxy)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, proxy_headers=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: uvicorn shuts it down, then raises it again
        console.print("whipcount stopped")


def _check_proxies(addresses: tuple[str, ...]) -> tuple[str, ...]:
    """Each ``--proxy`` as the address a connection comes from (a name or a typo would never match one, so
    no X-Forwarded-For would be trusted, silently)."""
    import ipaddress

    checked = []
    for text in addresses:
        try:
            checked.append(str(ipaddress.ip_address(text.strip())))
        except ValueError:
            raise click.BadParameter(
                f"expected an IP address (such as 127.0.0.1 or ::1), got {readable(repr(text))}") from None
    return tuple(checked)


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or an InputError saying why not (the port is taken, the
    address is not this machine's)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InputError(f"--host: cannot listen on {host!r} ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"--port: {host}:{port} is already in use; choose another with --port") from None
        raise InputError(f"--host/--port: cannot listen on {host}:{port} ({exc.strerror})") from None
    sock.set_inheritable(True)
    return sock


@cli.group()
def users() -> None:
    """Accounts for the web app.

    Needs the web extra: pip install 'whipcount[web]'.
    """


ROLE = Choice(["viewer", "editor", "admin"])


def _read_password(from_stdin: bool) -> str:
    """One line of standard input (its line ending removed, nothing else), or a hidden prompt."""
    if sys.stdin is None:  # `<&-`: Python has no standard input at all
        raise InputError("password: standard input is closed; give the password on it (--password-stdin) "
                         "or run the command in a terminal")
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if sys.stdin.read(1):  # a second line: which one was meant is not for us to guess
            raise InputError("password: expected one line on standard input, got more")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InputError("password: expected at least 8 characters, got an empty one")
    return str(password)


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=ROLE, help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@db_option
@reason_option
def users_add(name: str, role: str, password_stdin: bool, db: str | None, reason: str | None) -> None:
    """Create an account NAME (the password is stored as an argon2 hash)."""
    user = _store(db).add_user(name, role, _read_password(password_stdin), by=_user(), reason=reason)
    console.print(f"added {user.name} ({user.role})")


@users.command("list")
@db_option
def users_list(db: str | None) -> None:
    """Every account: name, role, created, live sessions."""
    store = _store(db, existing=True)
    accounts = store.accounts.all()
    if not accounts:
        console.print("no accounts")
    for u in accounts:
        created = u.created_at.date().isoformat() if u.created_at else "?"
        click.echo(f"{u.name}\t{u.role}\tcreated {created}\t{store.sessions.live(u.id)} session(s)")


@users.command("remove")
@click.argument("name")
@db_option
@reason_option
def users_remove(name: str, db: str | None, reason: str | None) -> None:
    """Delete the account NAME; its sessions end at once."""
    _store(db, existing=True).accounts.remove(name, by=_user(), reason=reason)
    console.print(f"removed {name}; its sessions are ended")


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=ROLE, metavar="ROLE")
@db_option
@reason_option
def users_set_role(name: str, role: str, db: str | None, reason: str | None) -> None:
    """Change NAME's ROLE to viewer, editor or admin (takes effect on the user's next request)."""
    if _store(db, existing=True).accounts.set_role(name, role, by=_user(), reason=reason):
        console.print(f"{name} is now {role}")
    else:
        console.print(f"{name} is {role} already; nothing was changed")


@users.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line), as "
                                                     "users add does.")
@db_option
@reason_option
def users_set_password(name: str, password_stdin: bool, db: str | None, reason: str | None) -> None:
    """Set NAME's password (read from standard input, one line, or asked for); ends the user's sessions."""
    _store(db, existing=True).accounts.set_password(name, _read_password(password_stdin), by=_user(),
                                                    reason=reason)
    console.print(f"password of {name} changed; its sessions are ended")


@cli.group("db")
def db_group() -> None:
    """Move scenarios in and out of the web app's database.

    Needs the web extra: pip install 'whipcount[web]'.
    """


@db_group.command("load")
@click.argument("scenario")
@db_option
@click.option("--replace", is_flag=True, help="Replace a stored scenario with the same id (its history goes too).")
@reason_option
def db_load(scenario: str, db: str | None, replace: bool, reason: str | None) -> None:
    """Load SCENARIO (a file or a bundled name) into the database, in one transaction.

    A file an earlier version dumped may hold values that version read and ignored, which are now refused:
    they are set aside, named in a warning and kept in the audit trail.
    """
    from whipcount.io.idle_values import said
    from whipcount.io.scenario import load_scenario_set_aside

    sc, took = load_scenario_set_aside(scenario)
    why = f"whipcount db load {readable(scenario)}" + (f": {reason}" if reason else "")
    _store(db).save_scenario(sc, user=_user(), replace=replace, reason=why,
                             set_aside=took, loaded_from=readable(scenario))
    if took:  # said once stored: a load refused (the id is taken) has set nothing aside
        _warn_notes([f"{scenario}: set aside values that mean nothing, which an earlier version wrote and this "
                     f"one refuses (the audit trail keeps them): {said(took)}"])
    counts = ", ".join(f"{n:,} {word if n == 1 else words}" for n, word, words in (
        (len(sc.parties), "party", "parties"), (len(sc.events), "event", "events"),
        (len(sc.stances), "stance", "stances")))
    console.print(f"loaded {sc.id}: {counts}")


@db_group.command("dump")
@click.argument("scenario_id", required=False)
@db_option
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file to write ('-' for standard output).")
def db_dump(scenario_id: str | None, db: str | None, output: Path) -> None:
    """Write a stored scenario (with every stance ever recorded) as scenario YAML.

    SCENARIO_ID may be left out when the database holds only one scenario.
    """
    from whipcount.io.writer import dump_scenario
    from whipcount.storage.engine import safe_url

    store = _store(db, existing=True)
    ids = [s.id for s in store.scenarios()]
    if not ids:
        raise InputError(f"db dump: the database {safe_url(db or DEFAULT_DB)} holds no scenario "
                         "(`whipcount db load SCENARIO` stores one)")
    if scenario_id is None and len(ids) != 1:
        raise InputError(f"db dump: give the scenario id (stored: {', '.join(ids)})")
    if scenario_id is not None and scenario_id not in ids:
        near = nearest(scenario_id, ids)
        hint = f"did you mean {near!r}? " if near else ""
        raise InputError(f"db dump: no scenario {scenario_id!r} in the database ({hint}stored: {', '.join(ids)})")
    scenario_id = scenario_id or ids[0]
    text = dump_scenario(store.scenario(scenario_id))
    if write_output(output, text):
        console.print(f"wrote {scenario_id} to {output}")
