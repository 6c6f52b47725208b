#!/usr/bin/env python3
"""Minimal Reflex websocket client: simulates N browser tabs without a browser.

Verified against reflex 0.10.1 / python-socketio 5.18.1 (see ../notes/libraries.md, section 6).

Protocol (what the compiled frontend, .web/utils/state.js, does):
  * Socket.IO over the websocket transport only (the server sets
    transports=["websocket"], allow_upgrades=False; polling answers "Invalid transport").
  * Engine.IO path "/_event" AND Socket.IO namespace "/_event"
    (namespace = path of the event URL, Config.get_event_namespace()).
  * The tab's token (a uuid4, kept in sessionStorage by the browser) goes in the
    query string:  ws://host:port/_event/?token=<uuid>&EIO=4&transport=websocket
  * Optional CONNECT auth {"event": <boot event>, "state_schema": <hash>}: the
    frontend puts its hydrate event there so the backend processes it during the
    connect (no extra round trip).  Without auth, emit the hydrate event yourself.
  * Client -> server: emit("event", {"name": "<full.state.path>.<handler>",
        "payload": {<handler kwargs>}, "router_data": {"pathname": "/", "asPath": "/", "query": {}}})
    e.g. name="reflex___state____state.rxapp___rxapp____state.set_text", payload={"value": "abc"}
    (state path = "reflex___state____state" + "." + "<module with . -> ___>____<snake_case class>" per level).
  * Server -> client: emit("event", {"delta": {"<full state name>": {"<var>_rx_state_": value, ...}},
        "events": [...]})  -- one message per delta; no ack, no "final" flag (deprecated since 0.9).
    Var keys carry the "_rx_state_" suffix (e.g. "text_rx_state_", "is_hydrated_rx_state_").
  * An unknown handler name gets NO answer (the server only logs a KeyError): always use timeouts.
  * The first hydrate ends with a delta where
    delta["reflex___state____state"]["is_hydrated_rx_state_"] is True.

Usage (loopback only; the defaults target a small test app whose state module is "rxapp.rxapp":
pass --event / --arg / --var to drive a handler of the real app, see the state path rule above):
  python rx_event_client.py --url http://127.0.0.1:8200 --clients 1 --events 200
  python rx_event_client.py --url http://127.0.0.1:8200 --clients 50 --events 40
  python rx_event_client.py ... --event reflex___state____state.rxapp___rxapp____state.set_text \
        --arg value --var text_rx_state_
Requires: pip install "python-socketio[asyncio_client]"   (the AsyncClient's websocket transport uses aiohttp)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

import socketio

ROOT_STATE = "reflex___state____state"
HYDRATE_EVENT = f"{ROOT_STATE}.hydrate_and_load"
EVENT_PATH = "/_event"


def state_name(module: str, cls_name: str) -> str:
    """Reflex's name for one state class level: 'rxapp.rxapp', 'FormState' -> 'rxapp___rxapp____form_state'."""
    snake = "".join("_" + c.lower() if c.isupper() else c for c in cls_name).lstrip("_")
    return f"{module.replace('.', '___')}____{snake}"


def router_data(path: str = "/") -> dict[str, Any]:
    return {"pathname": path, "asPath": path, "query": {}}


class RxClient:
    """One simulated browser tab."""

    def __init__(
        self,
        url: str,
        path: str = "/",
        token: str | None = None,
        use_auth: bool = True,
        headers: dict[str, str] | None = None,
    ):
        self.url = url.rstrip("/")
        self.headers = headers or {}  # e.g. Cookie and Origin, as a browser's handshake carries them
        self.path = path
        self.token = token or str(uuid.uuid4())
        self.use_auth = use_auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue[dict] = asyncio.Queue()
        self.state: dict[str, dict[str, Any]] = {}  # merged deltas, like the browser's reducers
        self.sio.on("event", self._on_update, namespace=EVENT_PATH)

    async def _on_update(self, update: dict) -> None:
        for name, vars_ in (update.get("delta") or {}).items():
            self.state.setdefault(name, {}).update(vars_)
        await self.updates.put(update)

    def _event(self, name: str, payload: dict | None = None) -> dict:
        return {"name": name, "payload": payload or {}, "router_data": router_data(self.path)}

    async def connect(self, timeout: float = 30.0) -> float:
        """Connect and hydrate; returns seconds until the state is hydrated."""
        t0 = time.perf_counter()
        auth = {"event": self._event(HYDRATE_EVENT)} if self.use_auth else None
        await self.sio.connect(
            f"{self.url}/?token={self.token}",
            transports=["websocket"],
            socketio_path=EVENT_PATH,
            namespaces=[EVENT_PATH],
            auth=auth,
            headers=self.headers,
            wait_timeout=timeout,
        )
        if not self.use_auth:
            await self.emit(HYDRATE_EVENT)
        await self.wait_for(
            lambda u: (u.get("delta", {}).get(ROOT_STATE) or {}).get("is_hydrated_rx_state_") is True, timeout
        )
        return time.perf_counter() - t0

    async def emit(self, name: str, payload: dict | None = None) -> None:
        await self.sio.emit("event", self._event(name, payload), namespace=EVENT_PATH)

    async def wait_for(self, pred: Callable[[dict], bool], timeout: float = 10.0) -> dict:
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no matching update")
            u = await asyncio.wait_for(self.updates.get(), left)
            if pred(u):
                return u

    async def call(
        self, name: str, payload: dict, expect: Callable[[dict], bool] | None = None, timeout: float = 10.0
    ) -> tuple[float, dict]:
        """Emit one event and wait for the delta it causes; returns (round-trip seconds, update)."""
        t0 = time.perf_counter()
        await self.emit(name, payload)
        u = await self.wait_for(expect or (lambda _u: True), timeout)
        return time.perf_counter() - t0, u

    async def close(self) -> None:
        await self.sio.disconnect()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]


async def user(args, idx: int, rtts: list[float], hydr: list[float], errors: list[str]) -> None:
    c = RxClient(args.url, path=args.path, use_auth=not args.no_auth)
    try:
        hydr.append(await c.connect())
        if idx == 0 and args.verbose:
            print("states after hydrate:", json.dumps(sorted(c.state), indent=1))
        target_state = args.event.rpartition(".")[0]
        for i in range(args.events):
            value = f"u{idx}-e{i}-été"
            if args.expect == "echo":  # the handler stores the value as is: wait for that exact echo
                pred = lambda u, v=value: (u.get("delta", {}).get(target_state) or {}).get(args.var) == v  # noqa: E731
            else:  # any delta for the handler's state
                pred = lambda u: target_state in (u.get("delta") or {})  # noqa: E731
            dt, u = await c.call(args.event, {args.arg: value}, expect=pred)
            rtts.append(dt)
            if args.think:
                await asyncio.sleep(args.think)
        if idx == 0 and args.verbose:
            print("last update:", json.dumps(u, ensure_ascii=False))
    except Exception as e:
        errors.append(f"client {idx}: {type(e).__name__}: {e}")
    finally:
        await c.close()


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8200")
    ap.add_argument("--path", default="/", help="page path sent as router_data")
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--events", type=int, default=100, help="events per client (sequential)")
    ap.add_argument("--event", default=f"{ROOT_STATE}.{state_name('rxapp.rxapp', 'State')}.set_text")
    ap.add_argument("--arg", default="value", help="handler argument name")
    ap.add_argument("--var", default="text_rx_state_", help="delta key that must echo the value")
    ap.add_argument(
        "--expect",
        choices=["echo", "any"],
        default="echo",
        help="echo: wait until delta[state][--var] == sent value; any: first delta for that state",
    )
    ap.add_argument("--think", type=float, default=0.0, help="seconds between a client's events")
    ap.add_argument(
        "--no-auth", action="store_true", help="hydrate with a separate emit instead of CONNECT auth"
    )
    ap.add_argument("--max-seconds", type=float, default=120.0, help="hard stop for the whole run")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not any(h in args.url for h in ("127.0.0.1", "localhost", "[::1]")):
        raise SystemExit("loopback targets only")
    rtts: list[float] = []
    hydr: list[float] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(*(user(args, i, rtts, hydr, errors) for i in range(args.clients))), args.max_seconds
    )
    wall = time.perf_counter() - t0
    ms = lambda x: f"{x * 1000:.1f} ms"  # noqa: E731
    print(
        f"clients={args.clients} events/client={args.events} total_events={len(rtts)} errors={len(errors)} "
        f"wall={wall:.2f}s throughput={len(rtts) / wall:.0f} ev/s"
    )
    if hydr:
        print(
            f"connect+hydrate: p50={ms(statistics.median(hydr))} p95={ms(pct(hydr, 95))} max={ms(max(hydr))}"
        )
    if rtts:
        print(
            f"event round trip: p50={ms(statistics.median(rtts))} p95={ms(pct(rtts, 95))} "
            f"p99={ms(pct(rtts, 99))} max={ms(max(rtts))} mean={ms(statistics.fmean(rtts))}"
        )
    for e in errors[:5]:
        print("ERROR", e)


if __name__ == "__main__":
    asyncio.run(main())
