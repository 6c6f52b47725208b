"""Crash while typing: how much of what a user typed survives a ``kill -9`` of the server?

A user types in « Remarque générale » one key every 0.4 s for 14 s (35 keys) over the websocket,
like a browser tab; then the server is killed with SIGKILL, without warning. The script reads the
draft stored in the database and prints how many characters were kept and how many seconds of
typing were lost. Before the autosave's maximum wait, everything was lost (it waited for 1.2 s of
silence that never came); now at most the last few seconds are.

    python -m bench.crash_typing            # starts its own server, kills it, prints the figures
    python -m bench.crash_typing --check    # and exits 1 if more than the maximum wait was lost
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.field_check import FORM_STATE, Tab, login
from bench.server import bench_environment, free_port, start_server

DIVERS_STATE = f"{FORM_STATE}.soprano_app___state___rubriques____rubrique_divers_state"
FIELD = "remarque_generale"
KEY_INTERVAL = 0.4
TYPING_SECONDS = 14.0
TEXT = "Matériel de démonstration réexporté après le salon de Lyon, sans transformation. " * 2


async def type_then_wait(url: str, token: str, dossier_id: int) -> int:
    tab = Tab(url, f"/formulaire?dossier={dossier_id}", token)
    await tab.connect()
    keys = int(TYPING_SECONDS / KEY_INTERVAL)
    for n in range(1, keys + 1):
        await tab.emit(f"{DIVERS_STATE}.set_field", {"field_id": FIELD, "value": TEXT[:n]})
        await asyncio.sleep(KEY_INTERVAL)
    return keys


def stored_length(database: Path, dossier_id: int) -> int:
    with sqlite3.connect(database) as connection:
        (answers,) = connection.execute("SELECT answers FROM dossier WHERE id = ?", (dossier_id,)).fetchone()
    return len(json.loads(answers).get(FIELD, ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when more than the maximum wait is lost")
    args = parser.parse_args()
    project = Path(__file__).resolve().parent.parent
    tmp = Path(tempfile.mkdtemp(prefix="soprano-crash-"))
    bench_environment(tmp)
    subprocess.run([sys.executable, "-m", "soprano_app.cli", "migrate"], cwd=project, check=True)
    from bench.field_check import new_draft
    from soprano_app.state.form import AUTOSAVE_MAX_WAIT

    port = free_port()
    server = start_server(project, tmp, port)
    url = f"http://127.0.0.1:{port}"
    try:
        token = login(url, "operateur@demo.fr", "Demo-2026!")
        dossier_id = new_draft(token)
        typed = asyncio.run(type_then_wait(url, token, dossier_id))
        os.killpg(server.pid, signal.SIGKILL)  # no shutdown, no last save
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    kept = stored_length(tmp / "bench.db", dossier_id)
    lost = typed - kept
    print(
        f"typed {typed} characters in {TYPING_SECONDS:.0f} s (one every {KEY_INTERVAL} s), then kill -9: "
        f"{kept} kept, {lost} lost ({lost * KEY_INTERVAL:.1f} s of typing; maximum wait {AUTOSAVE_MAX_WAIT:.0f} s)"
    )
    if args.check and lost * KEY_INTERVAL > AUTOSAVE_MAX_WAIT + 1.5:
        sys.exit(1)


if __name__ == "__main__":
    main()
