"""Password hashing with argon2 (argon2-cffi). Only hashes are stored."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

__all__ = ["hash_password", "verify_password"]

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a real password, used to spend the same time on unknown names")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return str(_hasher.hash(password))


def verify_password(hashed: str | None, password: str) -> bool:
    """True if ``password`` matches ``hashed`` (``None``: compare against a dummy, return False)."""
    try:
        # as bytes: a lone surrogate (a password that is not UTF-8 text) matches nothing, and raises nothing
        ok = bool(_hasher.verify(hashed or _DUMMY, password.encode("utf-8", "surrogatepass")))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return ok and hashed is not None
