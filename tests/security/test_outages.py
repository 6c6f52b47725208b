"""A database outage while a user types loses nothing and shows no framework error."""

from __future__ import annotations

import json

import pytest
import reflex as rx

from soprano_app.db import session_scope
from soprano_app.models import Dossier
from soprano_app.services import auth, drafts
from soprano_app.state.errors import UNAVAILABLE, UNEXPECTED, french_backend_error
from soprano_app.state.form import AUTOSAVE_MAX_WAIT, AUTOSAVE_QUIET, FormState, retry_delay, save_due_in
from soprano_app.state.rubriques import RUBRIQUE_STATES
from tests.fixtures import browse, login_token, substate
from tests.support import database_down

pytestmark = pytest.mark.usefixtures("demo")


async def open_draft(root: rx.State) -> tuple[int, FormState]:
    token = login_token("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    dossier_id = drafts.create_draft(ctx, "AT")
    browse(root, f"/formulaire?dossier={dossier_id}", token)
    form = substate(root, FormState)
    await form.load()
    assert form.loaded
    return dossier_id, form


def stored(dossier_id: int) -> dict:  # type: ignore[type-arg]
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return json.loads(dossier.answers)


async def test_typing_and_saving_during_an_outage_keeps_everything(root_state: rx.State) -> None:
    dossier_id, form = await open_draft(root_state)
    divers = substate(root_state, RUBRIQUE_STATES["divers"])
    await form.save_now()
    assert form.save_status.startswith("Enregistré à")
    saved_at = form.save_status.removeprefix("Enregistré à ")

    with database_down():
        answer = await divers.set_field("remarque_generale", "Tapé pendant la panne")
        # Kept in the tab, shown in the input, and an autosave is scheduled: no error toast.
        assert form._answers["remarque_generale"] == "Tapé pendant la panne"
        assert divers.v_remarque_generale == "Tapé pendant la panne"
        assert "toast" not in str(answer)
        retry = await form.save_now()  # « Sauvegarder »: a French message, never a framework error
        assert form.save_status == f"Non enregistré (dernier enregistrement à {saved_at})"
        assert "ne peut pas enregistrer votre brouillon pour l'instant" in form.save_error
        assert "restent dans cet onglet" in form.save_error
        assert retry is FormState.autosave or form._autosave_running
        await divers.set_field("remarque_generale", "Tapé pendant la panne, suite")
        assert form.save_status.startswith("Non enregistré")

    assert "remarque_generale" not in stored(dossier_id)
    await form.save_now()  # the database is back: what was typed is stored, nothing lost
    assert stored(dossier_id)["remarque_generale"] == "Tapé pendant la panne, suite"
    assert form.save_status.startswith("Enregistré à") and form.save_error == ""


def test_autosave_waits_for_a_pause_but_not_forever() -> None:
    start = 100.0
    # A single keystroke: saved after the quiet time.
    assert save_due_in(start, start, start) == pytest.approx(AUTOSAVE_QUIET)
    # Continuous typing (a key every 0.4 s): the maximum wait wins.
    last_key = start + 3.9
    assert save_due_in(last_key, start, last_key) == pytest.approx(AUTOSAVE_MAX_WAIT - 3.9)
    assert save_due_in(start + 10, start, start + 9.9) == 0.0
    assert save_due_in(start, 0.0, 0.0) == 0.0
    assert [retry_delay(n) for n in (1, 2, 3, 9)] == [2.0, 4.0, 8.0, 30.0]


def test_unexpected_errors_reach_the_user_in_french_with_a_reference(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from sqlalchemy.exc import OperationalError

    for error, message in (
        (ValueError("boom"), UNEXPECTED),
        (OperationalError("SELECT 1", {}, ConnectionRefusedError()), UNAVAILABLE),
    ):
        spec = french_backend_error(error)
        text = str(spec)
        assert message.split(":")[0] in text and "Référence" in text
        assert "An error occurred" not in text and "Contact the website administrator" not in text
    assert "unexpected error, reference" in caplog.text and "boom" in caplog.text
