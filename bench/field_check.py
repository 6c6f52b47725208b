"""Load benchmark of the live per-field check, side by side with a trivial handler.

Each simulated user logs in over HTTP (HttpOnly cookie) and gets a PA draft; once all are signed in,
every one opens the form over the websocket like a browser tab, all at once, then alternates two events:
  * a keystroke in « Téléphone » of the contact person (RubriqueDemandeurState.set_field: catalogue
    lookup, live check, derived values, visibility, autosave scheduling), waiting for the echo of the
    value in the delta;
  * a trivial handler (FormState.show_rubrique: sets one string), waiting for its echo.
It prints the round-trip percentiles of both and the size of the delta sent back per keystroke.

    python -m bench.field_check --clients 50 --events 20        # starts its own server
    python -m bench.field_check --state-manager redis --workers 2   # …on two workers sharing Redis
    python -m bench.field_check --url http://127.0.0.1:3000      # or targets a running one
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from bench.rx_event_client import ROOT_STATE, RxClient, pct
from bench.server import running_server, use_state_manager

FORM_STATE = f"{ROOT_STATE}.soprano_app___state___form____form_state"
DEMANDEUR_STATE = f"{FORM_STATE}.soprano_app___state___rubriques____rubrique_demandeur_state"
KEYSTROKE = f"{DEMANDEUR_STATE}.set_field"
TRIVIAL = f"{FORM_STATE}.show_rubrique"
PHONE_VAR = "v_contact_demande_telephone_rx_state_"
CURRENT_VAR = "current_rx_state_"


def login(url: str, email: str, password: str) -> str:
    body = urllib.parse.urlencode({"identifiant": email, "mot_de_passe": password}).encode()
    request = urllib.request.Request(
        url + "/api/connexion", data=body, headers={"X-Soprano-Request": "1", "Origin": url}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        jar: SimpleCookie = SimpleCookie()
        jar.load(response.headers["Set-Cookie"])
        return jar["rp_sid"].value


def new_draft(token: str) -> int:
    from soprano_app.services import auth, drafts

    ctx = auth.resolve_session(token)
    assert ctx is not None, "login failed"
    auth.accept_cgu(ctx.user_id)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    return drafts.create_draft(ctx, "PA", variante_pa="IM_EX")


class Tab(RxClient):
    """A browser tab whose websocket handshake carries the session cookie."""

    def __init__(self, url: str, path: str, token: str) -> None:
        super().__init__(url, path=path)
        self.cookie = f"rp_sid={token}"

    async def connect(self, timeout: float = 60.0) -> float:
        t0 = time.perf_counter()
        await self.sio.connect(
            f"{self.url}/?token={self.token}",
            transports=["websocket"],
            socketio_path="/_event",
            namespaces=["/_event"],
            headers={"Cookie": self.cookie, "Origin": self.url},
            auth={"event": self._event(f"{ROOT_STATE}.hydrate_and_load")},
            wait_timeout=timeout,
        )
        await self.wait_for(
            lambda u: (u.get("delta", {}).get(FORM_STATE) or {}).get("loaded_rx_state_") is True, timeout
        )
        return time.perf_counter() - t0


async def signed_in(url: str, index: int, errors: list[str]) -> tuple[str, int] | None:
    """A session and a PA draft for one user (before the forms open: logins are not what is timed)."""
    password = os.environ.get("BENCH_PASSWORD", "Demo-2026!")
    for attempt in range(5):
        try:
            token = await asyncio.to_thread(login, url, "operateur@demo.fr", password)
            return token, await asyncio.to_thread(new_draft, token)
        except urllib.error.HTTPError as exc:
            # The lockout lets 5 checks of one identifier run at once and refuses the others: try again.
            if exc.code != 401 or attempt == 4:
                errors.append(f"client {index} setup: {type(exc).__name__}: {exc}")
                return None
            await asyncio.sleep(0.5 * (attempt + 1))
        except Exception as exc:
            errors.append(f"client {index} setup: {type(exc).__name__}: {exc}")
            return None
    return None


async def user(
    url: str,
    index: int,
    session: tuple[str, int] | None,
    events: int,
    think: float,
    results: dict[str, list[float]],
    errors: list[str],
) -> None:
    if session is None:
        return
    token, dossier_id = session
    try:
        tab = Tab(url, f"/formulaire?dossier={dossier_id}", token)
        results["hydrate"].append(await tab.connect())
    except Exception as exc:
        errors.append(f"client {index} open: {type(exc).__name__}: {exc}")
        return
    rubriques = ("comptabilite", "demandeur")
    try:
        for n in range(events):
            value = f"04 72 {index:02d} {n:02d} 0{n % 10}" if n % 3 else f"04 72 {index}-{n}x"  # some invalid
            started = time.perf_counter()
            await tab.emit(KEYSTROKE, {"field_id": "contact_demande_telephone", "value": value})
            update = await tab.wait_for(
                lambda u, v=value: (u.get("delta", {}).get(DEMANDEUR_STATE) or {}).get(PHONE_VAR) == v, 15
            )
            results["keystroke"].append(time.perf_counter() - started)
            if n == 0:
                results["first_keystroke"].append(time.perf_counter() - started)
            results["delta_bytes"].append(len(json.dumps(update, ensure_ascii=False).encode()))
            rubrique = rubriques[n % 2]
            started = time.perf_counter()
            await tab.emit(TRIVIAL, {"rubrique": rubrique})
            await tab.wait_for(
                lambda u, r=rubrique: (u.get("delta", {}).get(FORM_STATE) or {}).get(CURRENT_VAR) == r, 15
            )
            results["trivial"].append(time.perf_counter() - started)
            if think:
                await asyncio.sleep(think)
    except Exception as exc:
        errors.append(f"client {index}: {type(exc).__name__}: {exc}")
    finally:
        await tab.close()


def report(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: no data"
    ms = lambda x: f"{x * 1000:.1f} ms"  # noqa: E731
    return (
        f"{label:<28} n={len(values):<5} p50={ms(statistics.median(values))} p95={ms(pct(values, 95))} "
        f"p99={ms(pct(values, 99))} max={ms(max(values))}"
    )


async def run(url: str, clients: int, events: int, think: float) -> None:
    results: dict[str, list[float]] = {
        "hydrate": [],
        "first_keystroke": [],
        "keystroke": [],
        "trivial": [],
        "delta_bytes": [],
    }
    errors: list[str] = []
    # Logins first (an argon2 check each, the heaviest request of the app, limited per second), then
    # every form opens at the same moment: the storm measured is the forms', not the logins'.
    sessions = await asyncio.gather(*(signed_in(url, i, errors) for i in range(clients)))
    started = time.perf_counter()
    await asyncio.gather(*(user(url, i, sessions[i], events, think, results, errors) for i in range(clients)))
    wall = time.perf_counter() - started
    sizes = results["delta_bytes"]
    print(
        f"clients={clients} events/client={events} (x2: keystroke + trivial) think={think}s wall={wall:.1f}s errors={len(errors)}"
    )
    print(report("connect + load the form", results["hydrate"]))
    print(report("first keystroke after load", results["first_keystroke"]))
    print(report("keystroke (live check)", results["keystroke"]))
    print(report("trivial handler", results["trivial"]))
    if results["keystroke"] and results["trivial"]:
        ratio = lambda f: f(results["keystroke"]) / f(results["trivial"])  # noqa: E731
        print(
            f"keystroke / trivial          p50 x{ratio(statistics.median):.2f}  p95 x{ratio(lambda v: pct(v, 95)):.2f}"
        )
    if sizes:
        print(f"delta per keystroke           mean={statistics.fmean(sizes):.0f} B  max={max(sizes)} B")
    for error in errors[:5]:
        print("ERROR", error)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="", help="a running server (default: start one on a free port)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument("--state-manager", choices=("memory", "disk", "redis"), default="memory")
    parser.add_argument("--workers", type=int, default=1, help="server workers (more than 1 needs redis)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument(
        "--scenarios",
        default="",
        help="several runs on the same server, CLIENTSxEVENTSxTHINK separated by commas (1x100x0,200x10x1)",
    )
    args = parser.parse_args()
    scenarios = [
        (int(c), int(e), float(t))
        for c, e, t in (spec.split("x") for spec in args.scenarios.split(",") if spec)
    ] or [(args.clients, args.events, args.think)]

    async def all_scenarios(url: str) -> None:
        for clients, events, think in scenarios:
            await run(url, clients, events, think)

    if args.url:
        asyncio.run(all_scenarios(args.url.rstrip("/")))
        return
    use_state_manager(args.state_manager, args.workers, args.redis_url)
    print(f"state manager={args.state_manager} workers={args.workers}")
    with running_server(Path(__file__).resolve().parent.parent) as url:
        asyncio.run(all_scenarios(url))


if __name__ == "__main__":
    sys.exit(main())
