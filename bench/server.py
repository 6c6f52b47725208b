"""Start the production server on a free port, on a fresh SQLite database with the demo data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_environment(tmp: Path) -> None:
    """A fresh SQLite database and storage under ``tmp`` (set before any application import)."""
    os.environ.update(
        SOPRANO_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        SOPRANO_DEMO="1",
        SOPRANO_SECRET_KEY="bench-secret",
        SOPRANO_ARGON2_MEMORY_KIB="8192",  # logins are not what is measured
        SOPRANO_ARGON2_TIME_COST="1",
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_STATES_WORKDIR=str(tmp / "states"),
        SOPRANO_STORAGE_DIR=str(tmp / "pieces"),
        SOPRANO_DATA_DIR=str(tmp / "data"),
    )


def use_state_manager(mode: str, workers: int, redis_url: str) -> None:
    """The server's state manager and worker count, as ``./manage.sh run`` sets them."""
    if workers > 1 and mode != "redis":
        raise SystemExit("several workers need --state-manager redis")
    os.environ["SOPRANO_STATE_MANAGER"] = mode
    if mode == "redis":
        os.environ["REFLEX_REDIS_URL"] = redis_url
        os.environ["GRANIAN_WORKERS"] = str(workers)
    else:
        os.environ.pop("REFLEX_REDIS_URL", None)


def start_server(project: Path, tmp: Path, port: int) -> subprocess.Popen[bytes]:
    """The production server on ``port``, its log in ``tmp``; returns once it answers."""
    url = f"http://127.0.0.1:{port}"
    os.environ["SOPRANO_PUBLIC_URL"] = url  # the origin the websocket accepts
    log = (tmp / "server.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port", "--backend-port", str(port),
         "--backend-host", "127.0.0.1"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((tmp / "server.log").read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    print(f"server up at {url} (log: {tmp / 'server.log'})")
    return process


@contextmanager
def running_server(project: Path) -> Iterator[str]:
    tmp = Path(tempfile.mkdtemp(prefix="soprano-bench-"))
    bench_environment(tmp)
    subprocess.run([sys.executable, "-m", "soprano_app.cli", "migrate"], cwd=project, check=True)
    port = free_port()
    process = start_server(project, tmp, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
