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
