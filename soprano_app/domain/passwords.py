"""The password policy, checked on the server: 12 to 128 characters, not a common password nor one
built on the account's own name or address, and hard enough to guess (zxcvbn, the estimator
Dropbox published, with its list of the 30,000 most common passwords; its own feedback is in
English and never shown: the messages here are French)."""

from __future__ import annotations

import unicodedata

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3  # zxcvbn: 0 (too guessable) … 4 (very unguessable)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def personal_words(email: str, first_name: str = "", last_name: str = "") -> list[str]:
    """What a password must not be built on: the names and the parts of the address."""
    local, _, domain = email.partition("@")
    parts = [first_name, last_name, local, domain.split(".")[0]]
    for separator in ".-_+":
        parts += local.split(separator)
    return sorted({_fold(p) for p in parts if len(p) >= 4})


def password_refused(password: str, personal: list[str] | None = None) -> str:
    """Why ``password`` is refused, in French, or ""."""
    if len(password) < MIN_LENGTH:
        return f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères."
    if len(password) > MAX_LENGTH:
        return f"Le mot de passe est limité à {MAX_LENGTH} caractères."
    folded = _fold(password)
    if any(word in folded for word in personal or []):
        return "Le mot de passe ne doit contenir ni votre nom, ni votre adresse électronique."
    result = zxcvbn(password[:MAX_LENGTH], user_inputs=personal or [])
    common = [
        m
        for m in result["sequence"]
        if m.get("pattern") == "dictionary"
        and m.get("dictionary_name") == "passwords"
        and len(m["token"]) * 2 >= len(password)
    ]
    if common:
        return "Ce mot de passe figure parmi les plus courants : choisissez-en un autre."
    if result["score"] < MIN_SCORE:
        return (
            "Ce mot de passe est trop facile à deviner : allongez-le, ou associez plusieurs mots sans rapport "
            "entre eux, des chiffres et des signes."
        )
    return ""
