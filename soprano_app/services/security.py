"""Password hashing (argon2 through passlib) and session tokens.

passlib's bcrypt scheme is broken with bcrypt 5, so argon2 is the only scheme. Hashing takes
about 0.2 s: callers on the event loop must run these functions in a thread.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from passlib.context import CryptContext

from ..settings import settings

_context = CryptContext(
    schemes=["argon2"],
    deprecated="auto",
    argon2__memory_cost=settings.argon2_memory_kib,
    argon2__time_cost=settings.argon2_time_cost,
    argon2__parallelism=2,
)

# Verified against when the identifier is unknown, so that both answers take the same time.
_DUMMY_HASH = _context.hash("mot-de-passe-factice")

SESSION_COOKIE = "rp_sid"


def hash_password(password: str) -> str:
    return str(_context.hash(password))


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        _context.verify(password, _DUMMY_HASH)
        return False
    try:
        return bool(_context.verify(password, password_hash))
    except (ValueError, TypeError):
        return False


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What the database stores: a keyed hash, useless without the server's secret key."""
    return hmac.new(settings.secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()
