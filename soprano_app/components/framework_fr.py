"""Reflex's own messages, in French: the toast shown when the server cannot be reached, and the page
shown when a page fails to render. Reflex writes both in English; they replace its defaults through
``rx.App(app_wraps=...)`` (``soprano_app.py``), with the same behaviour."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex_base.components.component import Component
from reflex_base.components.memo import memo
from reflex_base.constants import Hooks
from reflex_base.vars import VarData
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import FunctionStringVar
from reflex_base.vars.sequence import LiteralArrayVar
from reflex_components_core.base.error_boundary import ErrorBoundary
from reflex_components_core.base.fragment import Fragment
from reflex_components_core.core.banner import (
    connect_errors,
    connection_pulser,
    has_hydration_payload_error,
    has_too_many_connection_errors,
)
from reflex_components_sonner.toast import ToastProps, toast_ref

SERVER_UNREACHABLE = "Le serveur ne répond pas."
SERVER_UNREACHABLE_DETAIL = (
    "La connexion est perdue : vos dernières saisies seront envoyées dès qu'elle revient. "
    "Vérifiez votre réseau ; si cela dure, rechargez la page."
)
PAGE_TOO_LARGE = "La page est trop volumineuse pour être affichée : rechargez-la."


class FrenchConnectionToaster(Fragment):
    """Reflex's ``ConnectionToaster`` (same hooks and timing), with French words. Not a subclass of
    it: Reflex collects the hooks of every class in the hierarchy."""

    def add_hooks(self) -> list[str | Var]:
        toast_id = "websocket-error"
        props = ToastProps(  # pyright: ignore [reportCallIssue]
            description=LiteralVar.create(SERVER_UNREACHABLE_DETAIL),
            close_button=True,
            duration=120000,
            id=toast_id,
        )
        unreachable = LiteralVar.create(SERVER_UNREACHABLE)
        too_large = LiteralVar.create(PAGE_TOO_LARGE)
        effect = FunctionStringVar(
            "useEffect", _var_data=VarData(imports={"react": ("useEffect", "useState")})
        ).call(
            Var(
                _js_expr=f"""
() => {{
    if ({has_hydration_payload_error!s}) {{
        toast?.error({too_large!s}, {{id: "hydration-payload-error", closeButton: true, duration: Infinity}});
    }} else if ({has_too_many_connection_errors!s}) {{
        if (!userDismissed) {{
            toast?.error({unreachable!s}, {{...toast_props, onDismiss: () => setUserDismissed(true)}},);
        }}
    }} else {{
        toast?.dismiss("{toast_id}");
        setUserDismissed(false);
    }}
}}
"""
            ),
            LiteralArrayVar.create([connect_errors]),
        )
        return [
            Hooks.CONNECT_ERRORS,
            Var(f"const toast = {toast_ref};"),
            f"const toast_props = {LiteralVar.create(props)!s};",
            "const [userDismissed, setUserDismissed] = useState(false);",
            effect,
        ]


def _overlay_components() -> Component:
    return Fragment.create(connection_pulser(), FrenchConnectionToaster.create())


def french_overlay(stateful: bool) -> Component | None:
    # Memoised like Reflex's own overlay: its hooks run inside the event loop's context.
    return Fragment.create(memo(_overlay_components)()) if stateful else None


def _render_failed() -> Component:
    return rx.center(
        rx.vstack(
            rx.heading("Cette page n'a pas pu s'afficher.", size="6", as_="h1"),
            rx.text(
                "Une erreur de l'application l'en a empêchée. Rechargez la page (touche F5) ; si l'erreur se "
                "reproduit, signalez-la à l'assistance avec l'heure à laquelle elle est survenue."
            ),
            rx.el.a(
                "Revenir à l'accueil", href="/", reload_document=True, style={"text_decoration": "underline"}
            ),
            spacing="3",
            max_width="60ch",
            padding="2rem",
        ),
        width="100%",
        min_height="60vh",
    )


def french_error_boundary(stateful: bool) -> Component:
    props = {} if stateful else {"on_error": rx.noop()}
    return ErrorBoundary.create(fallback_render=Var.create(_render_failed()), **props)


APP_WRAPS: dict[tuple[int, str], Callable[[bool], Component | None]] = {
    (55, "ErrorBoundary"): french_error_boundary,
    (5, "Overlay"): french_overlay,
}
