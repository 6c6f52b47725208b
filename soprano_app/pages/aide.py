"""« Documentation réglementaire »: the help centre (public). The index is built from the content files
when the app starts; the search finds help pages and the form's fields."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.fact import fact
from ..components.layout import page_shell
from ..domain import help as help_content
from ..state.help import HelpState
from ..state.session import SessionState
from .registry import page


def safe_markdown(text: rx.Var | str) -> rx.Component:
    """Markdown without raw HTML (the content files are checked for it too) nor maths."""
    return rx.markdown(text, use_raw=False, use_math=False, use_katex=False, class_name="help-body")


def help_search() -> rx.Component:
    return rx.vstack(
        rx.el.label("Rechercher dans l'aide et dans les champs du formulaire", html_for="help-search"),
        rx.input(
            value=HelpState.query,
            on_change=HelpState.set_query.debounce(250),
            placeholder="Par exemple : garantie, taux de rendement, droit d'être entendu…",
            id="help-search",
            type="search",
            width="100%",
            max_width="36rem",
        ),
        rx.cond(
            HelpState.query.length() >= 2,  # type: ignore[attr-defined]
            rx.cond(
                HelpState.hits.length() > 0,  # type: ignore[attr-defined]
                rx.el.ul(
                    rx.foreach(
                        HelpState.hits,
                        lambda hit: rx.el.li(
                            rx.link(hit["title"], href=hit["href"], weight="medium"),
                            rx.badge(hit["context"], variant="soft", size="1", margin_left="0.5rem"),
                            rx.text(hit["excerpt"], size="1", color_scheme="gray"),
                            class_name="help-hit",
                            data_kind=hit["kind"],
                            style={"margin_bottom": "0.6rem"},
                        ),
                    ),
                    id="help-hits",
                    style={"padding_left": "1.1rem", "width": "100%"},
                    aria_live="polite",
                ),
                rx.text(
                    "Aucun résultat : essayez un autre mot.", id="help-no-hit", size="2", aria_live="polite"
                ),
            ),
        ),
        spacing="2",
        width="100%",
    )


def _index() -> rx.Component:
    sections = []
    for kind in help_content.PageKind:
        pages = [p for p in help_content.help_pages() if p.kind is kind]
        if not pages:
            continue
        sections.append(
            rx.card(
                rx.heading(help_content.KIND_LABELS[kind], size="4", as_="h2"),
                rx.el.ul(
                    *[
                        rx.el.li(
                            rx.link(p.title, href=routes.help_path(p.slug), weight="medium"),
                            rx.text(p.summary, size="1", color_scheme="gray"),
                            style={"margin_bottom": "0.4rem"},
                        )
                        for p in pages
                    ],
                    style={"padding_left": "1.1rem", "margin_top": "0.5rem"},
                ),
                width="100%",
            )
        )
    return rx.vstack(*sections, spacing="4", width="100%", id="help-index")


@page(routes.AIDE, "Documentation réglementaire", on_load=SessionState.load_optional)
def help_centre() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Documentation réglementaire", size="7", as_="h1"),
            rx.text(
                "Les régimes particuliers, les étapes de la procédure et un glossaire ; la recherche trouve aussi "
                "l'explication de chaque champ du formulaire.",
                size="2",
            ),
            help_search(),
            _index(),
            spacing="4",
            width="100%",
            max_width="52rem",
        ),
        protected=False,
    )


def _not_found(text: str) -> rx.Component:
    return rx.callout(text, icon="circle-help", id="help-not-found")


@page(routes.AIDE_PAGE, "Aide", on_load=[SessionState.load_optional, HelpState.load_page])
def help_page() -> rx.Component:
    p = HelpState.page
    return page_shell(
        rx.vstack(
            rx.link("← Documentation réglementaire", href=routes.AIDE, size="2"),
            rx.cond(
                HelpState.missing,
                _not_found("Cette page d'aide n'existe pas."),
                rx.vstack(
                    rx.text(p["kind"], size="2", color_scheme="gray"),
                    rx.heading(p["title"], size="7", as_="h1", id="help-title"),
                    rx.text(p["summary"], size="3", weight="medium"),
                    safe_markdown(p["body"]),
                    spacing="2",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            max_width="52rem",
        ),
        protected=False,
    )


@page(routes.AIDE_CHAMP, "Aide sur un champ", on_load=[SessionState.load_optional, HelpState.load_field])
def field_help_page() -> rx.Component:
    f = HelpState.field
    return page_shell(
        rx.vstack(
            rx.link("← Documentation réglementaire", href=routes.AIDE, size="2"),
            rx.cond(
                HelpState.missing,
                _not_found("Ce champ n'existe pas dans le formulaire."),
                rx.vstack(
                    rx.text(
                        "Champ du formulaire — rubrique « ",
                        f["rubrique"],
                        " »",
                        size="2",
                        color_scheme="gray",
                    ),
                    rx.heading(f["label"], size="7", as_="h1", id="help-title"),
                    rx.card(
                        rx.text(f["infobulle"], white_space="pre-wrap", id="field-infobulle"),
                        width="100%",
                    ),
                    rx.grid(
                        fact("Type de réponse", f["kind"].to(str)),
                        fact("Référence", f["legal"].to(str)),
                        fact("Condition", f["condition"].to(str)),
                        columns=rx.breakpoints(initial="1", sm="3"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.heading("Selon le régime", size="4", as_="h2"),
                    rx.el.ul(
                        rx.foreach(f["obligations"].to(list[str]), lambda line: rx.el.li(line)),
                        id="field-obligations",
                        style={"padding_left": "1.1rem"},
                    ),
                    spacing="3",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            max_width="52rem",
        ),
        protected=False,
    )
