"""The help centre's content and search, and the competent-service rule of the directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from soprano_app.domain.directory import Place, competent_index, departement_of, understand
from soprano_app.domain.help import (
    HelpContentError,
    PageKind,
    field_help,
    fold,
    help_pages,
    page_by_slug,
    parse_page,
    search,
)


def test_every_help_file_follows_the_format_and_covers_regimes_steps_and_glossary() -> None:
    pages = help_pages()
    kinds = [p.kind for p in pages]
    assert kinds.count(PageKind.REGIME) == 5 and kinds.count(PageKind.ETAPE) == 7
    assert kinds.count(PageKind.GLOSSAIRE) == 1
    assert {p.slug for p in pages} >= {"regime-at", "regime-pa", "etape-droit-etre-entendu", "glossaire"}
    for page in pages:
        assert page.title and page.summary and len(page.body) > 400, page.slug
    assert page_by_slug("regime-ed") is not None and page_by_slug("../secret") is None


def test_a_help_file_with_raw_html_or_without_its_header_is_refused() -> None:
    good = "---\ntitre: T\ntype: etape\nordre: 1\nresume: R\n---\n\nTexte."
    assert parse_page("t", good).body == "Texte."
    with pytest.raises(HelpContentError, match="HTML brut"):
        parse_page("t", good + "\n<script>alert(1)</script>")
    with pytest.raises(HelpContentError, match="en-tête"):
        parse_page("t", "Texte seul.")
    with pytest.raises(HelpContentError, match="type"):
        parse_page("t", good.replace("etape", "autre"))
    with pytest.raises(HelpContentError, match="nom de fichier"):
        parse_page("Bad Name", good)


def test_the_search_finds_pages_and_form_fields_accents_and_case_ignored() -> None:
    hits = search("GARANTIE")
    assert any(h.kind == "page" for h in hits) and any(h.kind == "champ" for h in hits)
    assert search("droit d'etre entendu")[0].target == "etape-droit-etre-entendu"
    field_hits = [h for h in search("taux de rendement") if h.kind == "champ"]
    assert field_hits and all(field_help(h.target) is not None for h in field_hits)
    assert search("") == [] and search("x") == [] and search("zzzqqq") == []
    assert len(search("a " * 500)) <= 30  # bounded
    assert fold("Échéance") == "echeance"


def test_a_field_explained_from_the_catalogue() -> None:
    explained = field_help("dem_eori")
    assert explained is not None and explained.label and explained.infobulle
    assert any(line.startswith("Admission temporaire : ") for line in explained.obligations)
    assert field_help("nope") is None


def test_the_departement_of_a_postcode() -> None:
    assert departement_of("69003") == "69"
    assert departement_of("20000") == "2A" and departement_of("20200") == "2B"
    assert departement_of("97411") == "974" and departement_of(" 59 000 ") == "59"
    assert departement_of("6900") == "" and departement_of("abcde") == ""


def test_the_directory_understands_postcodes_numbers_and_names() -> None:
    assert understand("69003") == Place("69", "code postal 69003 (Rhône)")
    assert understand("59") == Place("59", "département Nord (59)")
    assert understand("rhone") == Place("69", "département Rhône (69)")
    assert understand("Loire") == Place("42", "département Loire (42)")  # not Loire-Atlantique
    assert "Plusieurs départements" in str(understand("Haute"))
    assert "ni un code postal" in str(understand("Atlantis"))
    # Communes (INSEE and La Poste, reference_data/communes): a name, homonyms told apart.
    assert understand("Villeurbanne") == Place("69", "commune Villeurbanne (Rhône)")
    assert understand("st etienne") == Place("42", "commune Saint-Étienne (Loire)")
    assert "Plusieurs communes" in str(understand("Saint-Denis")) and "(974)" in str(
        understand("Saint-Denis")
    )
    assert understand("Paris") == Place("75", "département Paris (75)")
    assert "Saisissez" in str(understand("  "))


def test_the_competent_service_is_the_first_that_covers_the_departement() -> None:
    lists = ["01,07,69", "59,62", "69"]
    assert competent_index("69", lists) == 0
    assert competent_index("62", lists) == 1
    assert competent_index("75", lists) is None and competent_index("", lists) is None


def test_the_content_directory_is_in_the_package() -> None:
    from soprano_app.domain.help import CONTENT_DIR

    assert CONTENT_DIR.is_dir() and Path(CONTENT_DIR / "glossaire.md").is_file()
