"""Private annotations of a dossier: notes the agents of its customs service leave for each other.
The applicant never reads them (not on his pages, not in any document or export)."""

from __future__ import annotations

MAX_NOTE = 2000


def note_refused(text: str) -> str:
    """Why a note cannot be recorded (French), or ""."""
    if not text.strip():
        return "Écrivez la note avant de l'enregistrer."
    if len(text) > MAX_NOTE:
        return f"Une note compte au plus {MAX_NOTE} caractères ({len(text)} saisis)."
    return ""
