"""Failed logins and public verification lookups counted per source address, with the ``limits``
library (moving windows).

The counts live in Redis when the app runs on several processes (``REFLEX_REDIS_URL``), in memory
otherwise. How many, how long: ``SOPRANO_LOGIN_LIMITS_PER_SOURCE`` (README).
"""

from __future__ import annotations

import os
from functools import cache

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from ..settings import settings


@cache
def _limiter() -> tuple[MovingWindowRateLimiter, tuple[RateLimitItem, ...]]:
    uri = os.environ.get("REFLEX_REDIS_URL", "").strip() or "memory://"
    return MovingWindowRateLimiter(storage_from_string(uri)), tuple(
        parse_many(settings.login_limits_per_source)
    )


@cache
def _verify_items() -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(settings.verify_limits_per_source))


def verification_allowed(source: str) -> bool:
    """Count one public verification lookup of this address; False once it has used up its share
    (``SOPRANO_VERIFY_LIMITS_PER_SOURCE``): tokens cannot be guessed by trying them."""
    limiter, _items = _limiter()
    return all(limiter.hit(item, "verifications", source or "?") for item in _verify_items())


@cache
def _form_items() -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(settings.public_form_limits_per_source))


def public_form_allowed(source: str, form: str) -> bool:
    """Count one sending of a public form (« Mot de passe oublié », the survey) from this address;
    False once it has used up its share (``SOPRANO_PUBLIC_FORM_LIMITS_PER_SOURCE``)."""
    limiter, _items = _limiter()
    return all(limiter.hit(item, f"form-{form}", source or "?") for item in _form_items())


TOO_MANY_FORMS = "Trop d'envois depuis cette adresse : réessayez dans quelques minutes."


def source_exhausted(source: str) -> bool:
    """Has this address used up its failed logins?"""
    if not source:
        return False
    limiter, items = _limiter()
    return not all(limiter.test(item, "login-failures", source) for item in items)


def record_failure(source: str) -> None:
    if not source:
        return
    limiter, items = _limiter()
    for item in items:
        limiter.hit(item, "login-failures", source)


def reset() -> None:
    """Forget every count (tests)."""
    limiter, _items = _limiter()
    limiter.storage.reset()
