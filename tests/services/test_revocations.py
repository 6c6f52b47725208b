"""Revocations of editing grants reach other processes: the scheduler (or the command line) and a
single web worker through the stamp file; the workers of a multi-worker deployment through Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator

import pytest

from soprano_app.services import revocations

REDIS_URL = os.environ.get("SOPRANO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SUBJECTS = (revocations.session("abc"), revocations.user(7), revocations.dossier(42))


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    revocations.reset_for_tests()
    yield
    revocations.reset_for_tests()


def fresh_grant(subjects: tuple[revocations.Subject, ...] = SUBJECTS) -> revocations.EditGrant:
    grant = revocations.grant(subjects, revocations.begin(subjects), time.time() + 600)
    assert grant is not None and revocations.still_valid(grant)
    return grant


def in_another_process(code: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_revocation_in_this_process_voids_only_its_subjects() -> None:
    revocations.serve()
    grant, other = fresh_grant(), fresh_grant((revocations.session("other"),))
    revocations.revoke(revocations.user(7))
    assert not revocations.still_valid(grant) and revocations.still_valid(other)
    revocations.revoke(revocations.EVERYTHING)
    assert not revocations.still_valid(other)


def test_a_grant_taken_before_a_revocation_is_void() -> None:
    revocations.serve()
    taken = revocations.begin(SUBJECTS)  # the full check starts…
    revocations.revoke(revocations.dossier(42))  # …the dossier is filed meanwhile…
    grant = revocations.grant(SUBJECTS, taken, time.time() + 600)  # …the check had passed
    assert not revocations.still_valid(grant)


def test_the_scheduler_reaches_a_single_worker_without_redis() -> None:
    revocations.serve()  # this process is the web worker
    grant = fresh_grant()
    scheduler = in_another_process(
        """
        from soprano_app.services import revocations
        revocations.revoke(revocations.dossier(42))  # e.g. a draft « classé sans suite »
        """
    )
    assert scheduler.wait(timeout=60) == 0
    assert not revocations.still_valid(grant)
    assert revocations.still_valid(fresh_grant())  # a new full check gives a new grant


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis ne répond pas à {REDIS_URL}")


WORKER_B = """
    import sys, time
    from soprano_app.services import revocations
    revocations.serve()
    deadline = time.monotonic() + 30
    while not revocations._subscribed and time.monotonic() < deadline:
        time.sleep(0.01)
    subjects = (revocations.session("abc"), revocations.user(7))
    revoked = revocations.grant(subjects, revocations.begin(subjects), time.time() + 600)
    kept = revocations.grant(subjects[:1], revocations.begin(subjects[:1]), time.time() + 600)
    print("ready" if revoked and kept else "no grant", flush=True)
    sys.stdin.readline()  # the other worker has revoked the user
    deadline = time.monotonic() + 20
    while revocations.still_valid(revoked) and time.monotonic() < deadline:
        time.sleep(0.01)
    print(f"revoked={not revocations.still_valid(revoked)} kept={revocations.still_valid(kept)}", flush=True)
"""


def test_two_workers_on_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    _redis_or_skip()
    worker_b = in_another_process(WORKER_B, REFLEX_REDIS_URL=REDIS_URL)
    try:
        assert worker_b.stdout is not None and worker_b.stdin is not None
        assert worker_b.stdout.readline().strip() == "ready"
        monkeypatch.setenv("REFLEX_REDIS_URL", REDIS_URL)  # this process is worker A
        revocations.revoke(revocations.user(7))  # e.g. the account is deactivated here
        worker_b.stdin.write("go\n")
        worker_b.stdin.flush()
        assert worker_b.stdout.readline().strip() == "revoked=True kept=True"
    finally:
        worker_b.kill()
        worker_b.wait(timeout=10)


def test_without_its_subscription_a_worker_trusts_no_grant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:1/0")  # nobody listens there
    subjects = SUBJECTS
    assert revocations.grant(subjects, revocations.begin(subjects), time.time() + 600) is None
