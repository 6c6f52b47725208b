"""Conditions générales d'utilisation (CGU): the current version and when it must be accepted.

Publishing a new version = changing ``CURRENT_CGU_VERSION`` and the text; every user is then asked
to accept it again at the next page load (guide §2.2.1).
"""

from __future__ import annotations

from collections.abc import Iterable

CURRENT_CGU_VERSION = "2026-11"

CGU_TITLE = "Conditions générales d'utilisation"

# Sections (title, paragraphs). Plain text only: rendered as text, never as HTML.
CGU_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "1. Objet du service",
        (
            "Ce service en ligne permet aux opérateurs économiques et à leurs représentants de "
            "déposer une demande d'autorisation de recours à un régime particulier (admission "
            "temporaire, destination particulière, entrepôt douanier, perfectionnement actif, "
            "perfectionnement passif), d'en suivre l'instruction et de gérer l'autorisation "
            "délivrée.",
            "Il s'agit d'un logiciel libre indépendant. Il n'est pas un service officiel de "
            "l'administration des douanes et ne produit aucun effet juridique auprès d'elle.",
        ),
    ),
    (
        "2. Accès et identifiants",
        (
            "L'accès est réservé aux utilisateurs disposant d'un compte. Vos identifiants sont "
            "personnels : ne les communiquez à personne. Toute action effectuée avec votre compte "
            "est réputée effectuée par vous.",
            "Après cinq tentatives de connexion infructueuses, le compte est verrouillé pendant "
            "quinze minutes. Une session inactive pendant trente minutes est fermée.",
        ),
    ),
    (
        "3. Représentation",
        (
            "Le représentant qui agit pour le compte d'un opérateur déclare disposer d'un mandat "
            "en cours de validité et s'engage à le produire à première demande.",
        ),
    ),
    (
        "4. Exactitude des informations",
        (
            "Vous vous engagez à fournir des informations exactes et complètes et à signaler "
            "toute évolution susceptible d'avoir une incidence sur l'autorisation (article 15 "
            "et article 23, paragraphe 2, du code des douanes de l'Union).",
        ),
    ),
    (
        "5. Données personnelles",
        (
            "Les données saisies sont utilisées uniquement pour l'instruction des demandes et la "
            "gestion des autorisations. L'historique des actions (date, auteur) est conservé pour "
            "la traçabilité des échanges.",
        ),
    ),
    (
        "6. Évolution des conditions",
        (
            "Les présentes conditions peuvent évoluer. Toute nouvelle version vous est présentée "
            "à votre connexion suivante et doit être acceptée pour continuer à utiliser le service.",
        ),
    ),
)


def needs_acceptance(accepted_versions: Iterable[str], current: str = CURRENT_CGU_VERSION) -> bool:
    """True when the user has not accepted the version in force."""
    return current not in set(accepted_versions)
