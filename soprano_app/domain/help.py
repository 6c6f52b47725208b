"""The help centre (« Documentation réglementaire »): pages written as Markdown files under
``soprano_app/content/aide/`` (editable without touching code), and one search over those pages and
the form's fields (label and infobulle from the catalogue).

A page file starts with a front matter (``titre``, ``type``, ``ordre``, ``resume``), then Markdown.
Raw HTML is refused when the files are read, and the page renders Markdown without it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from .catalogue import CATALOGUE
from .catalogue.model import RUBRIQUE_LABELS, Field, Kind
from .regimes import REGIME_LABELS

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content" / "aide"
MAX_HITS = 30
MAX_QUERY = 120


class PageKind(StrEnum):
    REGIME = "regime"
    ETAPE = "etape"
    GLOSSAIRE = "glossaire"


KIND_LABELS = {
    PageKind.REGIME: "Les régimes particuliers",
    PageKind.ETAPE: "Les étapes de la procédure",
    PageKind.GLOSSAIRE: "Glossaire",
}


@dataclass(frozen=True)
class HelpPage:
    slug: str  # the file name without « .md »: its address is /aide/<slug>
    title: str
    kind: PageKind
    order: int
    summary: str
    body: str  # Markdown without raw HTML


class HelpContentError(ValueError):
    """A help file that does not follow the format (said at start-up and by the tests)."""


_FRONT = re.compile(r"\A---\n(?P<front>.*?)\n---\n", re.DOTALL)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SLUG = re.compile(r"^[a-z0-9-]{1,60}$")


def contains_raw_html(text: str) -> bool:
    """Markdown written by people (help pages, terms of use) may not carry HTML tags."""
    return bool(_HTML_TAG.search(text))


def parse_page(slug: str, text: str) -> HelpPage:
    if not _SLUG.match(slug):
        raise HelpContentError(f"{slug} : nom de fichier attendu en minuscules, chiffres et tirets.")
    found = _FRONT.match(text.replace("\r\n", "\n"))
    if found is None:
        raise HelpContentError(f"{slug} : l'en-tête « --- » (titre, type, ordre, resume) manque.")
    front: dict[str, str] = {}
    for line in found["front"].split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            front[key.strip()] = value.strip()
    missing = [k for k in ("titre", "type", "ordre", "resume") if not front.get(k)]
    if missing:
        raise HelpContentError(f"{slug} : en-tête incomplet ({', '.join(missing)}).")
    try:
        kind = PageKind(front["type"])
    except ValueError as exc:
        raise HelpContentError(f"{slug} : type « {front['type']} » inconnu.") from exc
    if not front["ordre"].isdigit():
        raise HelpContentError(f"{slug} : « ordre » doit être un entier.")
    body = text.replace("\r\n", "\n")[found.end() :].strip()
    if contains_raw_html(body):
        raise HelpContentError(f"{slug} : le HTML brut n'est pas admis, écrivez en Markdown.")
    return HelpPage(slug, front["titre"], kind, int(front["ordre"]), front["resume"], body)


@cache
def help_pages(directory: Path = CONTENT_DIR) -> tuple[HelpPage, ...]:
    """Every help page, by kind then order."""
    pages = [
        parse_page(path.stem, path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.md"))
    ]
    return tuple(sorted(pages, key=lambda p: (list(PageKind).index(p.kind), p.order, p.title)))


def page_by_slug(slug: str) -> HelpPage | None:
    return next((p for p in help_pages() if p.slug == slug), None)


# --- the form's fields, explained -------------------------------------------------------------------

_OBLIGATION_WORDS = {"O": "obligatoire", "C": "obligatoire sous condition", "F": "facultatif"}


@dataclass(frozen=True)
class FieldHelp:
    id: str
    label: str
    infobulle: str
    rubrique: str
    kind: str
    obligations: list[str]  # « Admission temporaire : obligatoire »
    condition: str  # when a conditional field is mandatory
    legal: str


def field_help(field_id: str) -> FieldHelp | None:
    if not CATALOGUE.has(field_id):
        return None
    item = CATALOGUE.item(field_id)
    if not isinstance(item, Field):
        return None
    return FieldHelp(
        id=item.id,
        label=item.label,
        infobulle=item.infobulle,
        rubrique=RUBRIQUE_LABELS[CATALOGUE.rubrique_of(item.id)],
        kind=_KIND_WORDS.get(item.kind, ""),
        obligations=[
            f"{REGIME_LABELS[regime]} : {_OBLIGATION_WORDS.get(letter, letter)}"
            for regime, letter in item.obligation.items()
        ],
        condition=item.required_when,
        legal=item.legal,
    )


_KIND_WORDS = {
    Kind.TEXT: "texte",
    Kind.LONG_TEXT: "texte libre",
    Kind.DATE: "date (JJ/MM/AAAA)",
    Kind.BOOLEAN: "Oui / Non",
    Kind.ENUM: "choix dans une liste",
    Kind.MULTI_ENUM: "plusieurs choix dans une liste",
    Kind.NUMBER: "nombre",
    Kind.INTEGER: "nombre entier",
    Kind.CN_CODE: "code de la nomenclature combinée",
    Kind.EORI: "numéro EORI",
    Kind.SIRET: "numéro SIRET",
    Kind.COUNTRY: "pays",
    Kind.CURRENCY: "devise",
    Kind.OFFICE: "bureau de douane",
    Kind.UNIT: "unité de mesure",
    Kind.EMAIL: "adresse électronique",
    Kind.PHONE: "numéro de téléphone",
    Kind.POSTCODE: "code postal",
    Kind.CHECKBOX: "case à cocher",
    Kind.REF: "renvoi à une ligne",
    Kind.MULTI_REF: "renvoi à plusieurs lignes",
    Kind.COMPUTED: "calculé par le service",
    Kind.ATTACHMENT: "pièce jointe",
}


# --- search -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    kind: str  # « page » or « champ »
    title: str
    context: str  # the kind of page, or the field's rubrique
    excerpt: str
    target: str  # the page's slug or the field's id


def fold(text: str) -> str:
    """Lower case without accents: « Échéance » and « echeance » match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(query: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", fold(query[:MAX_QUERY])) if len(w) >= 2]


def _excerpt(text: str, words: list[str], width: int = 180) -> str:
    plain = re.sub(r"[#*_`>\[\]]|\(https?://[^)]*\)", "", text)
    plain = re.sub(r"\s+", " ", plain).strip()
    folded = fold(plain)  # same length as ``plain`` for French letters
    at = min((folded.find(w) for w in words if w in folded), default=0)
    start = max(0, at - width // 3)
    piece = plain[start : start + width]
    return ("… " if start else "") + piece + (" …" if start + width < len(plain) else "")


def search(query: str) -> list[Hit]:
    """Help pages and form fields whose text holds every word of ``query`` (accents and case
    ignored); titles and labels that match come first."""
    words = _words(query)
    if not words:
        return []
    scored: list[tuple[int, Hit]] = []
    for page in help_pages():
        title, text = fold(page.title), fold(f"{page.summary} {page.body}")
        if all(w in title or w in text for w in words):
            score = sum(3 for w in words if w in title)
            scored.append(
                (
                    score,
                    Hit(
                        "page",
                        page.title,
                        KIND_LABELS[page.kind],
                        _excerpt(page.summary + " " + page.body, words),
                        page.slug,
                    ),
                )
            )
    for item in CATALOGUE.all_fields():
        if item.kind is Kind.COMPUTED and not item.infobulle:
            continue
        label, text = fold(item.label), fold(f"{item.infobulle} {item.id}")
        if all(w in label or w in text for w in words):
            score = sum(3 for w in words if w in label)
            rubrique = RUBRIQUE_LABELS[CATALOGUE.rubrique_of(item.id)]
            scored.append(
                (
                    score,
                    Hit(
                        "champ",
                        item.label,
                        f"Champ du formulaire — {rubrique}",
                        _excerpt(item.infobulle, words),
                        item.id,
                    ),
                )
            )
    scored.sort(key=lambda pair: -pair[0])  # stable: pages, then fields, in their own order
    return [hit for _score, hit in scored[:MAX_HITS]]
