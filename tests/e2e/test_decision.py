"""The decision phase in two browsers: the operator and the customs officer take turns on one dossier.

Each journey starts from a dossier the demo operator files through the form, then every step is taken
by clicking, and each side checks what the other did: status, clock, request, history, bell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from soprano_app.domain.regimes import Regime
from soprano_app.domain.statuses import DossierStatus as S
from tests.e2e.form_helpers import dossier, prefill_common_parts, start_new_dossier, stored_answers
from tests.e2e.steps import expect_status, open_dossier, signed_in, take_step, tick, typed
from tests.e2e.test_attachments import pdf, upload
from tests.support import Mailbox

SHOTS = "artifacts/screenshots"


def file_dossier(page: Page, base_url: str) -> tuple[int, str]:
    """The demo operator fills an AT application (common parts stored for speed) and validates it."""
    dossier_id = start_new_dossier(page, base_url, "AT")
    prefill_common_parts("operateur@demo.fr", dossier_id, Regime.AT, keep_specific=True)
    page.reload()
    page.locator("#btn-valider").click()
    expect(page.locator("#recap-errors")).to_have_count(0)
    page.locator("#attestation").click()
    page.locator("#btn-transmettre").click()
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier_id}/confirmation"))
    return dossier_id, page.locator("#numero-depose").inner_text()


def history_text(page: Page) -> str:
    return page.locator("#history").inner_text()


def test_from_validation_to_the_granted_authorisation(
    enter: Callable[..., Page], officer: Page, base_url: str, mailbox: Mailbox
) -> None:
    operator = enter("operateur@demo.fr")
    dossier_id, numero = file_dossier(operator, base_url)

    # The officer finds it in his queue, « À traiter », and asks for compléments, reopening one field.
    officer.goto(base_url + "/douane")
    row = officer.locator("#dossier-table tbody tr", has_text=numero)
    expect(row).to_contain_text("Déposée")
    row.get_by_role("link", name=numero).click()
    expect(officer.locator("#clock")).to_contain_text("Acceptation de la demande")
    expect(officer.locator("#demande-deposee")).to_contain_text("Demandeur")
    officer.locator("#act-demander_complements").click()
    officer.locator("#action-message").fill("Précisez l'usage du matériel dans la remarque générale.")
    officer.locator("#action-deadline").fill("15")
    officer.locator("#reopen-filter").fill("remarque gene")
    officer.locator("#reopen-list").get_by_text("Divers — Remarque générale").click()
    expect(officer.locator("#reopen-count")).to_have_text("1 choisi(s)")
    officer.screenshot(path=f"{SHOTS}/decision-demande-complements.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.INCOMPLETE)
    expect(officer.locator("#request")).to_contain_text("En attente de la réponse de l'opérateur")

    # The operator is told by e-mail, with a link to the dossier.
    mail = mailbox.wait_for("operateur@demo.fr", f"Dossier {numero} : compléments demandés")
    body = mail.get_content()
    assert "Précisez l'usage du matériel" in body and f"/dossiers/{dossier_id}" in body

    # The operator sees the bell, the request, answers the reopened field, attaches a file, replies.
    operator.goto(base_url + "/")
    expect(operator.locator("#unread-count")).to_have_text("1")
    operator.locator("#bell").click()
    expect(operator.locator("#notifications")).to_contain_text("compléments demandés")
    operator.screenshot(path=f"{SHOTS}/notifications.png")
    open_dossier(operator, base_url, dossier_id)
    expect(operator.locator("#unread-count")).to_have_count(0)  # seen on the dossier page
    expect(operator.locator("#request-message")).to_have_text(
        "Précisez l'usage du matériel dans la remarque générale."
    )
    expect(operator.locator("[id^=act-]")).to_have_count(1)  # only « Retirer la demande »
    operator.locator("#reply-remarque_generale").fill("Matériel destiné à des essais en laboratoire.")
    operator.locator("#reply-attach").click()
    upload(operator, "autre", [pdf("notice du matériel.pdf")])
    expect(operator.get_by_role("link", name="Télécharger notice du matériel.pdf").first).to_be_visible()
    operator.keyboard.press("Escape")
    operator.screenshot(path=f"{SHOTS}/decision-reponse-operateur.png", full_page=True)
    operator.locator("#btn-repondre").click()
    typed(operator, "#action-message", "Voici la précision demandée et la notice.")
    operator.locator("#action-confirm").click()
    expect(operator.get_by_role("dialog")).to_have_count(0)
    expect_status(operator, S.DEPOSEE)
    assert stored_answers(dossier_id)["remarque_generale"] == "Matériel destiné à des essais en laboratoire."

    mailbox.wait_for("agent@demo.fr", f"Dossier {numero} : réponse de l'opérateur")

    # The officer accepts, then announces an unfavourable draft decision.
    officer.reload()
    expect(officer.locator("#history")).to_contain_text("Voici la précision demandée et la notice.")
    expect(officer.get_by_role("link", name="Télécharger notice du matériel.pdf").first).to_be_visible()
    take_step(officer, "accepter")
    expect_status(officer, S.EN_INSTRUCTION)
    expect(officer.locator("#clock")).to_contain_text("Décision")
    take_step(
        officer,
        "notifier_projet_defavorable",
        "La garantie proposée ne couvre pas les droits en jeu.",
        grounds=("garantie",),
    )
    expect_status(officer, S.DROIT_ETRE_ENTENDU)
    expect(officer.locator("#act-refuser")).to_have_count(0)  # the operator has 30 days to be heard
    expect(officer.locator("#act-accorder")).to_have_count(0)

    # The operator replies within the period, and leaves a comment.
    open_dossier(operator, base_url, dossier_id)
    expect(operator.locator("#request")).to_contain_text(
        "La garantie proposée ne couvre pas les droits en jeu."
    )
    expect(operator.locator("#reply-due")).to_be_visible()
    operator.locator("#btn-repondre").click()
    typed(operator, "#action-message", "Nous portons la garantie à 12 000 €.")
    operator.locator("#action-confirm").click()
    expect(operator.get_by_role("dialog")).to_have_count(0)
    expect_status(operator, S.EN_INSTRUCTION)
    typed(operator, "#comment", "Le certificat de la banque suit par courrier.")
    operator.locator("#btn-comment").click()
    expect(operator.locator("#history")).to_contain_text("Le certificat de la banque suit par courrier.")

    # The officer grants; the validity is proposed from the application.
    officer.reload()
    expect(officer.locator("#history")).to_contain_text("Nous portons la garantie à 12 000 €.")
    officer.locator("#act-accorder").click()
    expect(officer.locator("#valid-from")).not_to_have_value("")
    officer.screenshot(path=f"{SHOTS}/decision-accorder.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.ACCORDEE)
    expect(officer.locator("[id^=act-]")).to_have_count(0)
    assert dossier(dossier_id).statut == "ACCORDEE"

    mailbox.wait_for("operateur@demo.fr", "autorisation n° FRTEA")
    officer.get_by_role("link", name="Autorisations délivrées").click()
    expect(officer.get_by_role("heading", name="Autorisations délivrées")).to_be_visible()
    expect(officer.locator("#authorisations-table tbody tr", has_text="FRTEA")).to_contain_text(
        "Ateliers Durand SAS"
    )

    # The operator sees the decision, the whole history, and the authorisation.
    open_dossier(operator, base_url, dossier_id)
    expect_status(operator, S.ACCORDEE)
    expect(operator.locator("#decision")).to_contain_text("autorisation n° FRTEA")
    history = history_text(operator)
    for step in (
        "Autorisation n° FRTEA",
        "Nous portons la garantie à 12 000 €.",
        "La garantie proposée ne couvre pas les droits en jeu.",
        "Précisez l'usage du matériel dans la remarque générale.",
        "Pôle d'action économique de Lyon",
        "Claire Durand",
    ):
        assert step in history, step
    # Newest first: the decision comes before the request for compléments.
    assert history.index("Autorisation n° FRTEA") < history.index("Précisez l'usage du matériel")
    operator.locator("#only-comments").click()
    expect(operator.locator("#history li:visible")).to_have_count(1)
    operator.screenshot(path=f"{SHOTS}/decision-accordee-operateur.png", full_page=True)
    operator.get_by_role("link", name="Mes autorisations").click()
    row = operator.locator("#authorisations-table tbody tr", has_text="FRTEA")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(operator.locator("#authorisation-number")).to_contain_text("FRTEA")
    expect(operator.locator("main")).to_contain_text(numero)
    with operator.expect_download() as download:
        operator.locator("#authorisation-pdf").click()
    assert re.fullmatch(r"autorisation-FRTEA\d{10}\.pdf", download.value.suggested_filename)
    printed = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert numero in printed and "Autorisation d'admission temporaire" in printed
    operator.screenshot(path=f"{SHOTS}/autorisation-detail.png", full_page=True)


def test_refusal_with_grounds_and_means_of_appeal(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    operator = enter("operateur@demo.fr")
    dossier_id, _numero = file_dossier(operator, base_url)
    open_dossier(officer, base_url, dossier_id)
    take_step(officer, "accepter")
    due = officer.locator("#clock-due").inner_text()
    # An extension is capped at 30 days and needs its notice; the clock shows it.
    take_step(officer, "prolonger_delai", "Analyse du laboratoire en cours.", True, **{"action-days": "45"})
    expect(officer.locator("#action-error")).to_contain_text("entre 1 et 30 jours")
    typed(officer, "#action-days", "10")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect(officer.locator("#clock-extensions")).to_contain_text("+10 jours")
    expect(officer.locator("#clock-due")).not_to_have_text(due)
    # Questions during the examination extend the decision limit by the period set (RDC 13(1)):
    # 30 days at most, known at once.
    due = officer.locator("#clock-due").inner_text()
    take_step(
        officer, "demander_informations", "Quel est le taux de rendement ?", True, **{"action-deadline": "45"}
    )
    expect(officer.locator("#action-error")).to_contain_text(
        "entre 1 et 30 jours (art. 13, paragraphe 1, RDC)"
    )
    typed(officer, "#action-deadline", "20")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect(officer.locator("#clock-extensions")).to_contain_text("+20 jours")
    expect(officer.locator("#clock-due")).not_to_have_text(due)
    open_dossier(operator, base_url, dossier_id)
    operator.locator("#btn-repondre").click()
    typed(operator, "#action-message", "Le taux de rendement est de 92 %.")
    operator.locator("#action-confirm").click()
    expect(operator.get_by_role("dialog")).to_have_count(0)
    expect_status(operator, S.EN_INSTRUCTION)
    expect(operator.locator("#clock-extensions")).to_contain_text(
        "Délai fixé pour fournir les informations demandées"
    )

    officer.reload()
    take_step(
        officer, "notifier_projet_defavorable", "Pas de besoin économique démontré.", grounds=("autre",)
    )
    open_dossier(operator, base_url, dossier_id)
    operator.locator("#btn-repondre").click()
    typed(operator, "#action-message", "Nous n'avons rien à ajouter.")
    operator.locator("#action-confirm").click()
    expect(operator.get_by_role("dialog")).to_have_count(0)

    officer.reload()
    officer.locator("#act-refuser").click()
    # Only the grounds the operator was heard on are offered (one hearing per ground).
    expect(officer.locator("[id^=ground-]")).to_have_count(1)
    expect(officer.locator("#ground-autre")).to_be_visible()
    officer.locator("#action-confirm").click()  # no grounds: refused, nothing lost
    expect(officer.locator("#action-error")).to_contain_text("Saisissez le message")
    typed(officer, "#action-message", "Le besoin économique n'est pas démontré.")
    officer.locator("#action-confirm").click()
    expect(officer.locator("#action-error")).to_contain_text("Cochez au moins un motif")
    tick(officer, "#ground-autre")
    officer.screenshot(path=f"{SHOTS}/decision-refus-motifs.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.REFUSEE)

    open_dossier(operator, base_url, dossier_id)
    expect_status(operator, S.REFUSEE)
    expect(operator.locator("#history")).to_contain_text("Le besoin économique n'est pas démontré.")
    expect(operator.locator("#history")).to_contain_text("Voies de recours")
    # The mail server's acceptance of the e-mail, or this opening, notified the refusal: the appeal
    # period runs from then, and both sides see it.
    notice = operator.locator("#history .notice-line").first
    expect(notice).to_contain_text(re.compile(r"Notifiée le .*(courriel accepté|première consultation)"))
    expect(operator.locator("#history .appeal-line").first).to_contain_text("Recours possible jusqu'au")
    expect(operator.locator("#decision-notice")).to_contain_text("Recours possible jusqu'au")
    officer.reload()
    expect(officer.locator("#history .notice-line").first).to_have_text(notice.inner_text())
    expect(operator.locator("#decision")).to_contain_text("Le besoin économique n'est pas démontré.")
    # The decision letter, from the history: the grounds, the legal basis, the means of appeal.
    with operator.expect_download() as download:
        operator.locator("#history .letter-link").first.click()
    letter = " ".join(
        " ".join(p.extract_text() for p in PdfReader(Path(download.value.path())).pages).split()
    )
    assert "Décision de refus de l'autorisation" in letter and "Voies de recours et délais" in letter
    assert "Le besoin économique n'est pas démontré." in letter
    assert "Notifiée le" in letter and "Recours possible jusqu'au" in letter
    expect(operator.locator("[id^=act-]")).to_have_count(0)
    operator.screenshot(path=f"{SHOTS}/decision-refus.png", full_page=True)
    operator.get_by_role("link", name="Mes autorisations").click()
    expect(operator.locator("main")).not_to_contain_text(str(dossier(dossier_id).numero))


def test_withdrawal_before_the_decision(enter: Callable[..., Page], officer: Page, base_url: str) -> None:
    operator = enter("operateur@demo.fr")
    dossier_id, numero = file_dossier(operator, base_url)
    open_dossier(operator, base_url, dossier_id)
    take_step(operator, "retirer")
    expect_status(operator, S.RETIREE)
    expect(operator.locator("[id^=act-]")).to_have_count(0)
    expect(operator.locator("#comment")).to_be_visible()  # comments stay possible

    officer.goto(base_url + "/douane")
    expect(officer.locator("#dossier-table")).not_to_contain_text(numero)  # closed: not in his queue
    open_dossier(officer, base_url, dossier_id)
    expect_status(officer, S.RETIREE)
    expect(officer.locator("[id^=act-]")).to_have_count(0)
    expect(officer.locator("#history")).to_contain_text("Retirée par l'opérateur")


def test_nobody_sees_or_acts_on_what_is_not_theirs(
    enter: Callable[..., Page], officer: Page, base_url: str, browser: Browser
) -> None:
    operator = enter("operateur@demo.fr")
    dossier_id, _numero = file_dossier(operator, base_url)
    open_dossier(operator, base_url, dossier_id)
    expect(operator.locator("#act-accepter")).to_have_count(0)
    expect(operator.locator("#actions")).not_to_contain_text("Accepter")

    # A representative acting for another company gets the same answer as for a missing dossier.
    other = signed_in(
        browser.new_context(locale="fr-FR", base_url=base_url).new_page(),
        base_url,
        "representant@demo.fr",
        "Verrerie du Nord SA",
    )
    other.goto(f"{base_url}/dossiers/{dossier_id}")
    expect(other.locator("#dossier-not-found")).to_be_visible()
    expect(other.locator("#comment")).to_have_count(0)
    other.context.close()

    # The officer cannot take the operator's steps: no « Retirer », no « Répondre ».
    open_dossier(officer, base_url, dossier_id)
    expect(officer.locator("#act-retirer")).to_have_count(0)
    expect(officer.locator("#btn-repondre")).to_have_count(0)


def test_overdue_dossiers_stand_out_on_both_dashboards(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    # The demo ED application was received 34 days ago and is still not accepted (30 days).
    officer.goto(base_url + "/douane")
    first = officer.locator("#dossier-table tbody tr").first  # sorted by due date by default
    expect(first).to_have_attribute("data-overdue", "true")
    expect(first).to_contain_text("Entrepôt douanier")
    expect(first).to_contain_text("(échéance dépassée)")
    officer.screenshot(path=f"{SHOTS}/back-office-retard.png", full_page=True)
    first.get_by_role("link").click()
    expect(officer.locator("#clock-left")).to_contain_text("dépassé")

    operator = enter("operateur@demo.fr")
    late = operator.locator("#dossier-table tbody tr[data-overdue=true]")
    expect(late).to_have_count(1)
    expect(late).to_contain_text("Entrepôt douanier")
