"""« Dupliquer »: a copy keeps the activity's answers, not the application's dates, validation or
follow-up reference; identity and contact come fresh."""

from __future__ import annotations

from soprano_app.domain.forms.duplicate import copied_answers

SOURCE = {
    "regime": "AT",
    "type_demande": "2",
    "ref_autorisation": "FRATEAT-2025-000001",
    "dem_raison_sociale": "Ancienne raison sociale",
    "contact_demande_nom": "Ancien",
    "remarque_generale": "Matériel de salon",
    "date_effet": "2026-01-01",
    "val_lieu": "Lyon",
    "val_attestation": True,
    "marchandises": [
        {"_id": "m1", "march_code_nc": "8479", "march_description": "Presse"},
    ],
    "dem_autres_decisions": [{"_id": "d1", "autre_type": "X", "autre_date": "2024-05-01"}],
    "not_in_the_catalogue": "dropped",
}
FRESH = {
    "regime": "AT",
    "type_demande": "1",
    "dem_raison_sociale": "Ateliers Durand SAS",
    "contact_demande_nom": "Durand",
}


def test_the_activity_is_kept_identity_and_contact_are_fresh() -> None:
    copy = copied_answers(SOURCE, FRESH)
    assert copy["remarque_generale"] == "Matériel de salon"
    assert copy["marchandises"] == [{"_id": "m1", "march_code_nc": "8479", "march_description": "Presse"}]
    assert copy["dem_raison_sociale"] == "Ateliers Durand SAS" and copy["contact_demande_nom"] == "Durand"


def test_dates_validation_and_follow_up_are_dropped() -> None:
    copy = copied_answers(SOURCE, FRESH)
    assert "date_effet" not in copy and "val_attestation" not in copy and "val_lieu" not in copy
    assert copy["type_demande"] == "1" and "ref_autorisation" not in copy
    assert copy["dem_autres_decisions"] == [{"_id": "d1", "autre_type": "X"}]  # dates inside rows too
    assert "not_in_the_catalogue" not in copy
