"""Who is on the other end of a tab's websocket, for the per-address limits of public pages."""

from __future__ import annotations

import reflex as rx

from ..settings import settings


def client_address(state: rx.State) -> str:
    """The caller's address, as the login endpoint reads it (``api.client_address``): behind
    ``SOPRANO_TRUSTED_PROXY_HOPS`` proxies, the address they saw."""
    hops = settings.trusted_proxy_hops
    if hops > 0:
        raw = dict(state.router.headers.raw_headers).get("x-forwarded-for", "")
        forwarded = [a.strip() for a in str(raw).split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return state.router.session.client_ip or ""
