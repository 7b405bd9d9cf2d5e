"""Passwords as text: control characters are refused when a password is set, and a password is the same
password whichever Unicode form it arrives in (NFKC, as NIST SP 800-63B 5.1.1.2 advises)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from whipcount.errors import InputError
from whipcount.storage import Store
from whipcount.storage.accounts import check_password

GOOD = "a long enough password"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'u.db'}")
    s.add_user("bob", "editor", GOOD)
    return s


@pytest.mark.parametrize("code", [*range(0x20), *range(0x7F, 0xA0)])
def test_every_control_character_is_refused_with_where(code: int) -> None:
    assert unicodedata.category(chr(code)) == "Cc"  # the whole of Unicode's control category
    with pytest.raises(InputError, match=rf"^password: expected no control characters, got U\+{code:04X}.* at "
                                         r"character 5$"):
        check_password("abcd" + chr(code) + "efghijk")


@pytest.mark.parametrize(("text", "said"), [("pass\tphrase one", "U+0009 (a tab) at character 5"),
                                            ("pass phrase one\r", "U+000D (a carriage return) at character 16"),
                                            ("\x1b[31mred alert", "U+001B (an escape) at character 1"),
                                            ("nul\x00in the middle", "U+0000 (a NUL) at character 4"),
                                            ("pass phrase\x7f", "U+007F (a delete) at character 12"),
                                            ("pass phrase\x80", "U+0080 at character 12")])
def test_the_usual_control_characters_are_named(text: str, said: str) -> None:
    with pytest.raises(InputError, match="^password: expected no control characters, got " + re.escape(said) + "$"):
        check_password(text)


@pytest.mark.parametrize("text", ["pass phrase\u00a0one", "zero\u200bwidth space", "ünïcödé pässwörd", "密码密码密码密码",
                                  "\U0001f510 locked \U0001f510"])
def test_printing_text_beyond_ascii_is_allowed(text: str) -> None:
    check_password(text)  # no-break space, format characters, letters and emoji are not control characters


def test_a_control_character_is_refused_by_set_password_and_the_old_one_holds(store: Store) -> None:
    with pytest.raises(InputError, match="U\\+000A \\(a line feed\\)"):
        store.accounts.set_password("bob", "new pass\nphrase")
    assert store.authenticate("bob", GOOD) is not None


@pytest.mark.parametrize(("typed", "later"), [
    ("caf\u00e9 au lait!", "cafe\u0301 au lait!"),  # one character, then e and a combining acute
    ("cafe\u0301 au lait!", "caf\u00e9 au lait!"),
    ("\uff11\uff12\uff13 full width", "123 full width"),  # full-width digits, then ASCII ones
    ("\ufb01ne print here", "fine print here"),  # the ligature fi
])
def test_a_password_opens_the_account_in_any_unicode_form(store: Store, typed: str, later: str) -> None:
    assert typed != later and unicodedata.normalize("NFKC", typed) == unicodedata.normalize("NFKC", later)
    store.add_user("ann", "viewer", typed)
    assert store.authenticate("ann", later) is not None
    assert store.authenticate("ann", typed) is not None
    assert store.authenticate("ann", later + "x") is None


def test_an_ascii_password_hash_is_argon2_of_the_text_as_typed(store: Store) -> None:
    """NFKC leaves ASCII alone: a hash made by an older whipcount and one made now verify the same way."""
    from sqlalchemy import select

    from whipcount.storage import schema
    with store.engine.connect() as conn:
        hashed = conn.execute(select(schema.users.c.password_hash)).scalar_one()
    assert PasswordHasher().verify(hashed, GOOD)


def test_an_older_hash_of_a_password_not_in_nfkc_still_opens(store: Store) -> None:
    """An account whose password was hashed as typed, before passwords were normalised."""
    from sqlalchemy import update

    from whipcount.storage import schema
    typed = "cafe\u0301 au lait!"  # NFD: not NFKC
    with store.engine.begin() as conn:
        conn.execute(update(schema.users).values(password_hash=PasswordHasher().hash(typed)))
    assert store.authenticate("bob", typed) is not None
    assert store.authenticate("bob", GOOD) is None


def test_a_common_password_in_another_form_is_as_common() -> None:
    """It is kept in NFKC form, where full-width letters are ASCII: "password" would open it."""
    with pytest.raises(InputError, match="too easy to guess"):
        check_password("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44")  # full-width "password"


def test_a_password_is_long_enough_once_accents_are_combined() -> None:
    decomposed = "cafe\u0301s"  # 6 characters as typed, 5 in NFKC
    assert len(decomposed + "ab") == 8
    with pytest.raises(InputError, match=r"^password: expected at least 8 characters once accents are combined "
                                         r"\(Unicode NFKC, the form it is kept in\), got 7$"):
        check_password(decomposed + "ab")
    check_password(decomposed + "abc")


@pytest.mark.parametrize(("text", "said"), [
    ("short", "password: expected at least 8 characters, got 5"),
    ("", "password: expected at least 8 characters, got 0"),
    ("x" * 1001, "password: expected at most 1,000 characters, got 1,001"),
    ("aaaaaaaaaaaa", "password: too easy to guess (one character repeated); choose another"),
    ("password1", "password: too easy to guess (a commonly used password); choose another"),
    ("\ufeffa long enough one", "password: expected no byte-order mark (U+FEFF"),
    ("\ud800 a long enough one", "password: expected UTF-8 text, got a character that is not (U+D800 at character 1"),
    ("a long enough one \udfff", "password: expected UTF-8 text, got a character that is not (U+DFFF at character 19"),
])
def test_the_bounds_of_a_password(text: str, said: str) -> None:
    with pytest.raises(InputError) as caught:
        check_password(text)
    assert str(caught.value).startswith(said)


@pytest.mark.parametrize("text", ["12345abc", "a long pass phrase " + "x" * 981])
def test_a_password_at_the_bounds_is_taken(text: str) -> None:
    assert len(text) in (8, 1000)
    check_password(text)


def test_a_second_line_on_standard_input_is_refused(tmp_path, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Standard input holds one line, the password; a second one is refused rather than dropped (which of
    the two was meant is not for the command to guess)."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a fine pass phrase\nsecond line\n"))
    r = run_cli("users", "add", "p7", "--role", "viewer", "--db", str(tmp_path / "u.db"), "--password-stdin")
    assert r.code == 1 and "expected one line on standard input, got more" in r.err
    monkeypatch.setattr("sys.stdin", io.StringIO("a fine pass phrase\r\n"))
    assert run_cli("users", "add", "p7", "--role", "viewer", "--db", str(tmp_path / "u.db"),
                   "--password-stdin").code == 0
