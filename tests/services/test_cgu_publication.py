"""Publishing a new version of the terms of use: checked, journaled, in force at once, and every
user must accept it again."""

from __future__ import annotations

import pytest

from soprano_app.services import auth, cgu, journal
from tests.fixtures import ctx_of, login_token

pytestmark = pytest.mark.usefixtures("demo")

TEXT = "## 1. Objet\n\nCes conditions encadrent l'usage du service de démonstration, version de janvier."


def test_a_published_version_is_in_force_and_accepted_again() -> None:
    admin = ctx_of("admin@demo.fr")
    token = login_token("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    assert not auth.resolve_session(token).cgu_pending  # type: ignore[union-attr]
    before = cgu.in_force()
    assert before.text == ""  # the built-in text

    cgu.publish(admin, "2027-01", TEXT)
    now = cgu.in_force()
    assert now.version == "2027-01" and now.text.startswith("## 1. Objet")
    assert auth.resolve_session(token).cgu_pending  # type: ignore[union-attr]
    auth.accept_cgu(ctx.user_id)  # the version in force
    assert not auth.resolve_session(token).cgu_pending  # type: ignore[union-attr]
    assert journal.entries(admin, action="cgu_publiees")[0].target == "Version 2027-01"


def test_bad_publications_are_refused() -> None:
    admin = ctx_of("admin@demo.fr")
    with pytest.raises(cgu.CguError, match="Nommez la version"):
        cgu.publish(admin, "version 2 !", TEXT)
    with pytest.raises(cgu.CguError, match="50 caractères"):
        cgu.publish(admin, "2027-02", "Trop court.")
    with pytest.raises(cgu.CguError, match="HTML"):
        cgu.publish(admin, "2027-02", TEXT + "\n<script>alert(1)</script>")
    with pytest.raises(cgu.CguError, match="existe déjà"):
        cgu.publish(admin, cgu.in_force().version, TEXT)
    with pytest.raises(PermissionError):
        cgu.publish(ctx_of("operateur@demo.fr"), "2027-03", TEXT)
