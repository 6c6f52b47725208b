"""Filling the application form as a user does, by field id (inputs are ``#f-<id>``, row dialog ``#r-<id>``)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from playwright.sync_api import Page, expect
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.catalogue import CATALOGUE
from soprano_app.domain.catalogue.model import Kind
from soprano_app.domain.forms.examples import complete_answers
from soprano_app.domain.forms.prefill import Filer, Party
from soprano_app.domain.forms.values import options_of
from soprano_app.domain.regimes import Regime
from soprano_app.models import Company, Dossier
from soprano_app.services import auth, drafts
from soprano_app.services.demo import DEMO_PASSWORD
from tests.e2e.steps import typed


def set_field(page: Page, field_id: str, value: Any, prefix: str = "f") -> None:
    """Type, pick or tick the answer of one field, whatever its kind."""
    kind = CATALOGUE.field(field_id).kind
    selector = f"#{prefix}-{field_id}"
    # Each answer waits for the server's echo: a ticked box shows ticked, a typed text is held.
    if kind is Kind.BOOLEAN:
        page.locator(f"{selector}-{value}").click()
        expect(page.locator(f"{selector}-{value}")).to_be_checked()
    elif kind in (Kind.ENUM, Kind.COUNTRY, Kind.CURRENCY, Kind.UNIT):
        page.locator(selector).select_option(value)
    elif kind is Kind.REF:  # a goods line, named « Marchandise 1 — … »
        option = page.locator(f"{selector} option", has_text=value).first.get_attribute("value")
        page.locator(selector).select_option(option or "")
    elif kind is Kind.MULTI_ENUM:
        first = options_of(CATALOGUE.field(field_id))[0].code
        for code in value:
            box = page.locator(selector if code == first else f"{selector}-{code}")
            box.click()
            expect(box).to_be_checked()
    elif kind is Kind.MULTI_REF:  # options are goods lines, named « Marchandise 1 — … »
        for label in value:
            box = page.locator(f"#wrap-{prefix}-{field_id}").get_by_role(
                "checkbox", name=re.compile("^" + re.escape(label))
            )
            box.click()
            expect(box).to_be_checked()
    elif kind is Kind.CHECKBOX:
        page.locator(selector).click()
        expect(page.locator(selector)).to_be_checked()
    else:
        typed(page, selector, value)


def fill(page: Page, answers: Mapping[str, Any], prefix: str = "f") -> None:
    for field_id, value in answers.items():
        set_field(page, field_id, value, prefix)


def open_rubrique(page: Page, rubrique: str) -> None:
    page.locator(f"#nav-{rubrique}").click()
    expect(page.locator(f"#rubrique-{rubrique}")).to_be_visible()


def add_row(page: Page, group_id: str, values: Mapping[str, Any]) -> None:
    page.locator(f"#add-{group_id}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    fill(page, values, prefix="r")
    page.locator(f"#save-row-{group_id}").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def wait_saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_contain_text("Enregistré à", timeout=15_000)


def start_new_dossier(page: Page, base_url: str, regime: str, **choices: str) -> int:
    page.goto(base_url + "/nouveau-dossier")
    page.locator("#type_dossier").select_option("RP")
    page.locator("#btn-continuer").click()
    page.locator(f"#regime-{regime}").click()
    if regime == "ED":
        page.locator("#type_entrepot").select_option(choices.get("type_entrepot", "CW1"))
    if regime == "PA":
        page.locator("#variante_pa").select_option(choices.get("variante_pa", "IM_EX"))
    page.locator("#btn-creer").click()
    expect(page.locator("#f-dem_eori")).to_be_visible()
    return int(re.search(r"[?&]dossier=(\d+)", page.url)[1])  # type: ignore[index]


def stored_answers(dossier_id: int) -> dict[str, Any]:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return json.loads(dossier.answers)


def dossier(dossier_id: int) -> Dossier:
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
        assert found is not None
        return found


def prefill_common_parts(email: str, dossier_id: int, regime: Regime, keep_specific: bool = False) -> None:
    """Store everything but the « Données spécifiques » (for the lighter regime journeys)."""
    token = auth.authenticate(email, DEMO_PASSWORD).token
    assert token is not None
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
        assert found is not None
        company = db.get(Company, found.company_id)
        assert company is not None and company.id is not None
    ctx = auth.choose_company(token, company.id) or auth.resolve_session(token)
    assert ctx is not None
    stored = stored_answers(dossier_id)
    party = Party(
        company.raison_sociale,
        company.siret,
        company.eori,
        company.rue,
        "",
        company.code_postal,
        company.ville,
    )
    full = complete_answers(
        regime, party, Filer("Claire", "Durand", email), app_clock.today(), stored.get("type_entrepot", "CW1")
    )
    specific = {f.id for f in CATALOGUE.scalar_fields() if CATALOGUE.rubrique_of(f.id).value == "specifiques"}
    specific |= {g.id for g in CATALOGUE.groups() if CATALOGUE.rubrique_of(g.id).value == "specifiques"}
    # What the draft already holds (prefilled from the account) wins over the example.
    merged = {k: v for k, v in full.items() if keep_specific or k not in specific}
    merged |= {k: v for k, v in stored.items() if v not in ("", [], None)}
    merged.pop("val_attestation", None)
    result = drafts.save_draft(ctx, dossier_id, merged, dossier(dossier_id).version)
    assert result.ok, result.message
    auth.end_session(token)


def company_id(siret: str) -> int:
    with session_scope() as db:
        found = db.exec(select(Company).where(Company.siret == siret)).one()
        assert found.id is not None
        return found.id
