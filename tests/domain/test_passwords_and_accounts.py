"""The password policy and the account form's rules."""

from __future__ import annotations

from soprano_app.domain.accounts import AccountInput, account_refused, email_refused
from soprano_app.domain.passwords import password_refused, personal_words


def test_the_password_policy() -> None:
    mine = personal_words("claire.durand@ateliers-durand.fr", "Claire", "Durand")
    assert "durand" in mine and "claire" in mine
    assert "au moins 12" in password_refused("Court-1!", mine)
    assert "limité à 128" in password_refused("x" * 129, mine)
    assert "ni votre nom" in password_refused("Durand-Lyon-2026!", mine)
    assert "plus courants" in password_refused("azertyuiop123", mine)
    assert "plus courants" in password_refused("Password12345", mine)
    assert "trop facile" in password_refused("aaaaaaaaaaaaaaaa", mine)
    assert password_refused("quatre chevaux verts mangent", mine) == ""
    assert password_refused("Tartine-Orbite-97-Guidon", []) == ""


def test_the_account_form() -> None:
    good = AccountInput("jean.martin@exemple.fr", "Jean", "Martin", "operateur", company_id=1)
    assert account_refused(good) == ""
    assert "adresse électronique" in email_refused("jean.martin")
    assert "prénom" in account_refused(AccountInput("a@b.fr", " ", "Martin", "operateur", 1))
    assert "non admis" in account_refused(AccountInput("a@b.fr", "<script>", "Martin", "operateur", 1))
    assert "rôle" in account_refused(AccountInput("a@b.fr", "Jean", "Martin", "systeme", 1))
    assert "entreprise" in account_refused(AccountInput("a@b.fr", "Jean", "Martin", "operateur"))
    assert "service" in account_refused(AccountInput("a@b.fr", "Jean", "Martin", "agent"))
    assert account_refused(AccountInput("a@b.fr", "Jean", "Martin", "admin")) == ""
