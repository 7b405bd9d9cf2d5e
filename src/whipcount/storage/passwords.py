"""Password hashing with argon2 (argon2-cffi). Only hashes are stored.

A password is hashed in Unicode's NFKC form, as NIST SP 800-63B (5.1.1.2) advises for secrets that may hold
characters beyond ASCII: the same password typed on two keyboards or systems can reach us as different code
points ("é" as one character or as "e" and a combining accent; a full-width digit), and each form must open
the account. ASCII is its own NFKC form, so hashes of ASCII passwords are unchanged. An account whose
password an older whipcount hashed as typed still opens with it (:func:`verify_password`)."""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

__all__ = ["hash_password", "kept_form", "verify_password"]

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a real password, used to spend the same time on unknown names")


def kept_form(password: str) -> str:
    """The form a password is hashed and checked in: NFKC (a lone surrogate, from a byte that was not
    UTF-8, passes through unchanged)."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` in NFKC form."""
    return str(_hasher.hash(kept_form(password)))


def _matches(hashed: str, password: str) -> bool:
    try:
        # as bytes: a lone surrogate (a password that is not UTF-8 text) matches nothing, and raises nothing
        return bool(_hasher.verify(hashed, password.encode("utf-8", "surrogatepass")))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify_password(hashed: str | None, password: str) -> bool:
    """True if ``password`` matches ``hashed`` (``None``: compare against a dummy, return False): in NFKC
    form, or as typed where that differs (a hash an older whipcount made of a password not in NFKC)."""
    normal = kept_form(password)
    ok = _matches(hashed or _DUMMY, normal)
    if not ok and normal != password:
        ok = _matches(hashed or _DUMMY, password)
    return ok and hashed is not None
