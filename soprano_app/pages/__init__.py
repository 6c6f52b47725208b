"""Every page of the app, as keyword arguments for ``app.add_page``."""

from __future__ import annotations

from typing import Any

from . import (
    accueil,
    administration,
    autorisations,
    back_office,
    cgu,
    choix_operateur,
    confirmation,
    connexion,
    dossier,
    formulaire,
    notifications,
    nouveau_dossier,
    recapitulatif,
    simple,
)

ALL_PAGES: tuple[dict[str, Any], ...] = (
    connexion.PAGE,
    cgu.PAGE,
    choix_operateur.PAGE,
    accueil.PAGE,
    back_office.PAGE,
    dossier.PAGE,
    nouveau_dossier.PAGE,
    formulaire.PAGE,
    recapitulatif.PAGE,
    confirmation.PAGE,
    administration.PAGE,
    *autorisations.PAGES,
    notifications.PAGE,
    *simple.PAGES,
)
