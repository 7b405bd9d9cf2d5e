"""``whipcount serve``, ``whipcount users add``, ``whipcount db load|dump``: the web app and its database."""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import sys
from pathlib import Path
from typing import Any

import click

from whipcount.cli.app import F, cli, console, emit_json, json_option
from whipcount.errors import InputError

DEFAULT_DB = "sqlite:///whipcount.db"


def db_option(fn: F) -> F:
    """Add ``--db URL`` (default: ``whipcount.db`` in the current folder)."""
    return click.option(
        "--db", "db", default=None, metavar="URL", envvar="WHIPCOUNT_DB", show_envvar=True, callback=_check_db,
        help="Database URL: sqlite:///FILE or postgresql://USER@HOST/DB (default: whipcount.db here).",
    )(fn)


def _store(db: str | None):  # type: ignore[no-untyped-def]
    from whipcount.storage import Store

    return Store(db or DEFAULT_DB)


def _check_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An empty URL would silently mean the default file in the current folder: refuse it."""
    if value is not None and not value.strip():
        raise click.BadParameter("expected a database URL (sqlite:///FILE or postgresql://...), got ''")
    return value


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--public-read", is_flag=True, help="Let anyone read the dashboard without signing in.")
@click.option("--seed", "seed", default="pk-na-2022", show_default=True, metavar="SCENARIO",
              help="Scenario loaded when the database holds none ('' for none).")
@click.option("--session-idle-hours", type=click.FloatRange(0.01, 24 * 30), default=12.0, show_default=True,
              help="A session ends after this long without a request.")
@click.option("--session-days", type=click.FloatRange(0.01, 365), default=14.0, show_default=True,
              help="A session ends this long after sign-in, however active.")
@click.option("--max-body", type=click.IntRange(1024, 64 * 1024 * 1024), default=1024 * 1024, show_default=True,
              help="Refuse request bodies larger than this many bytes (413).")
@click.option("--behind-proxy", is_flag=True,
              help="Trust X-Forwarded-For/-Proto from --proxy addresses (a reverse proxy in front); implies "
                   "--secure-cookies. Without it, forwarded headers are ignored.")
@click.option("--proxy", "proxies", multiple=True, default=("127.0.0.1",), show_default=True, metavar="ADDR",
              help="With --behind-proxy: an address of the proxy (repeat for several).")
@click.option("--secure-cookies/--no-secure-cookies", default=None,
              help="Send the session cookie over HTTPS only (default: on with --behind-proxy).")
def serve(db: str | None, host: str, port: int, public_read: bool, seed: str, session_idle_hours: float,
          session_days: float, max_body: int, behind_proxy: bool, proxies: tuple[str, ...],
          secure_cookies: bool | None) -> None:
    """Start the web app: dashboard, editing with accounts, live updates, JSON API (/api/docs).

    The database is created and migrated on first run. Writing needs an account
    (`whipcount users add NAME --role editor`).
    """
    import uvicorn

    from whipcount.web.app import create_app

    sock = _listen(host, port)  # before anything else: a taken port is one line, and nothing is started
    from whipcount.web.auth import SessionPolicy

    policy = SessionPolicy(idle=dt.timedelta(hours=session_idle_hours), lifetime=dt.timedelta(days=session_days))
    secure = behind_proxy if secure_cookies is None else secure_cookies
    app = create_app(db or DEFAULT_DB, public_read=public_read, seed_scenario=seed or None, sessions=policy,
                     max_body=max_body, https_only=secure)
    store = app.state.wc.store
    console.print(f"whipcount on http://{host}:{port}/  (database: {store.url.split('@')[-1]})")
    if store.user_count() == 0:
        where = f" --db {db}" if db else ""
        console.print(f"no accounts yet: create one with `whipcount users add NAME --role admin{where}`"
                      + ("" if public_read else ", or start with --public-read to let anyone read"))
    uvicorn.Server(uvicorn_config(app, behind_proxy, proxies)).run(sockets=[sock])


def uvicorn_config(app: Any, behind_proxy: bool, proxies: tuple[str, ...]) -> Any:
    """The server's settings: forwarded headers trusted only behind a proxy, and then only from its
    addresses (uvicorn otherwise trusts them from any loopback peer, which a client could use to pose as
    many addresses and get round the login limits)."""
    import uvicorn

    return uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, proxy_headers=behind_proxy,
                          forwarded_allow_ips=",".join(proxies) if behind_proxy else "")


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
    """Accounts for the web app."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["viewer", "editor", "admin"]), help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@db_option
def users_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account NAME (the password is stored as an argon2 hash)."""
    user = _store(db).add_user(name, role, _password(password_stdin), by=os.environ.get("USER"))
    console.print(f"added {user.name} ({user.role})")


def _password(from_stdin: bool) -> str:
    """The password from one line of standard input, or asked twice at the terminal."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InputError("password: expected at least 8 characters, got an empty one")
    return str(password)


@users.command("list")
@db_option
@json_option
def users_list(db: str | None, as_json: bool) -> None:
    """Every account: name, role, created."""
    rows = _store(db).users()
    if as_json:
        emit_json({"users": [{"name": u.name, "role": u.role, "created": created.isoformat()} for u, created in rows]})
        return
    for u, created in rows:
        console.print(f"{u.name}  {u.role}  created {created:%Y-%m-%d %H:%M} UTC", highlight=False)
    if not rows:
        console.print("no accounts yet: `whipcount users add NAME --role admin`")


@users.command("remove")
@click.argument("name")
@db_option
def users_remove(name: str, db: str | None) -> None:
    """Delete account NAME; its sessions end at their next request."""
    _store(db).remove_user(name, by=os.environ.get("USER"))
    console.print(f"removed {name}")


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "editor", "admin"]))
@db_option
def users_set_role(name: str, role: str, db: str | None) -> None:
    """Change the role of NAME; it applies from the next request of any of its sessions."""
    _store(db).set_role(name, role, by=os.environ.get("USER"))
    console.print(f"{name} is now {role}")


@users.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
@db_option
def users_set_password(name: str, password_stdin: bool, db: str | None) -> None:
    """Give NAME a new password; every session of NAME ends."""
    _store(db).set_password(name, _password(password_stdin), by=os.environ.get("USER"))
    console.print(f"new password for {name}; its sessions are signed out")


@cli.group("db")
def db_group() -> None:
    """Move scenarios in and out of the web app's database."""


@db_group.command("load")
@click.argument("scenario")
@db_option
@click.option("--replace", is_flag=True, help="Replace a stored scenario with the same id (its history goes too).")
def db_load(scenario: str, db: str | None, replace: bool) -> None:
    """Load SCENARIO (a file or a bundled name) into the database, in one transaction."""
    from whipcount.io.scenario import load_scenario

    sc = load_scenario(scenario)
    _store(db).save_scenario(sc, user=os.environ.get("USER"), replace=replace, reason=f"whipcount db load {scenario}")
    console.print(f"loaded {sc.id}: {len(sc.parties)} parties, {len(sc.events)} events, {len(sc.stances)} stances")


@db_group.command("dump")
@click.argument("scenario_id", required=False)
@db_option
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file to write ('-' for standard output).")
def db_dump(scenario_id: str | None, db: str | None, output: Path) -> None:
    """Write a stored scenario (with every stance ever recorded) as scenario YAML.

    SCENARIO_ID may be left out when the database holds only one scenario.
    """
    from whipcount.io.writer import dump_scenario, write_text_atomic

    store = _store(db)
    if scenario_id is None:
        ids = [s.id for s in store.scenarios()]
        if len(ids) != 1:
            raise InputError(f"db dump: give the scenario id (stored: {', '.join(ids) or 'none'})")
        scenario_id = ids[0]
    text = dump_scenario(store.scenario(scenario_id))
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        console.print(f"wrote {scenario_id} to {output}")
