import pytest

from soprano_app import routes
from soprano_app.domain.cgu import CURRENT_CGU_VERSION, needs_acceptance
from soprano_app.domain.numbering import dossier_number
from soprano_app.domain.regimes import Regime, TypeEntrepot, decision_type_code


def test_cgu_acceptance_is_per_version() -> None:
    assert needs_acceptance([])
    assert needs_acceptance(["2020-01"])
    assert not needs_acceptance([CURRENT_CGU_VERSION])
    assert needs_acceptance([CURRENT_CGU_VERSION], current="2099-01")


def test_dossier_number_format() -> None:
    assert dossier_number(2026, 123) == "RP-2026-000123"


def test_decision_type_codes() -> None:
    assert decision_type_code(Regime.PA) == "IPO"
    assert decision_type_code(Regime.ED, TypeEntrepot.CWP_NON_AGREE) == "CWP"
    assert decision_type_code(Regime.ED, TypeEntrepot.CW2) == "CW2"
    with pytest.raises(ValueError):
        decision_type_code(Regime.ED)


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/autorisations", "/autorisations"),
        ("/dossiers/3?onglet=historique", "/dossiers/3?onglet=historique"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("/api/deconnexion", "/"),
        ("/connexion", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_return_address_stays_on_site(candidate: str | None, expected: str) -> None:
    assert routes.safe_next(candidate) == expected


def test_with_next_keeps_the_requested_page() -> None:
    assert routes.with_next(routes.CONNEXION, "/autorisations") == "/connexion?suivant=/autorisations"
    assert routes.with_next(routes.CONNEXION, "/") == "/connexion"
    assert routes.with_next(routes.CONNEXION, "//evil") == "/connexion"


def test_time_comes_from_one_clock() -> None:
    """No module reads the system clock but soprano_app/app_clock.py (the demo can move it)."""
    import re
    from pathlib import Path

    import soprano_app

    root = Path(soprano_app.__file__).parent
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "app_clock.py"
        and re.search(r"datetime\.now\(|date\.today\(\)|time\.time\(\)", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_the_guarantee_decided_with_the_grant() -> None:
    from decimal import Decimal

    from soprano_app.domain.guarantee import GuaranteeKind, guarantee_refused, proposed, stored_text

    assert guarantee_refused("", "", "")[1].startswith("Indiquez la garantie exigée")
    assert guarantee_refused("aucune", "5000", "x")[0].amount is None  # type: ignore[union-attr]
    individual, reason = guarantee_refused("isolee", "12 500,4", "")
    assert reason == "" and individual is not None and individual.amount == Decimal("12500.40")
    assert "montant" in guarantee_refused("isolee", "douze", "")[1]
    assert "montant" in guarantee_refused("globale", "0", "CGU-1")[1]
    assert "garantie globale" in guarantee_refused("globale", "10", "")[1]
    comprehensive, _ = guarantee_refused("globale", "10", "FRCGU2026000001")
    assert comprehensive is not None and comprehensive.kind is GuaranteeKind.GLOBALE
    assert stored_text("dispense", None, None) == "Dispense de garantie"
    assert stored_text(None, None, None) == ""  # decisions taken before guarantees were recorded
    assert proposed({"garantie_requise": "isolee", "garantie_montant": "45000.00"}) == (
        "isolee",
        "45000,00",
        "",
    )
    assert proposed({"garantie_requise": "ne_sait_pas", "garantie_montant": "3"}) == ("", "", "")
