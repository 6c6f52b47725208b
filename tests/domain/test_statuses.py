from soprano_app.domain.statuses import (
    STATUS_LABELS,
    Bucket,
    DossierStatus,
    Side,
    bucket_of,
    statuses_in_bucket,
)

S = DossierStatus


def test_every_status_has_a_french_label() -> None:
    assert set(STATUS_LABELS) == set(DossierStatus)


def test_operator_split_follows_spec_3_2() -> None:
    assert statuses_in_bucket(Bucket.A_TRAITER, Side.OPERATOR) == {
        S.BROUILLON,
        S.INCOMPLETE,
        S.INFO_COMPLEMENTAIRE,
        S.DROIT_ETRE_ENTENDU,
    }
    assert statuses_in_bucket(Bucket.EN_ATTENTE, Side.OPERATOR) == {
        S.DEPOSEE,
        S.EN_INSTRUCTION,
        S.AJUSTEMENTS,
        S.EXAMEN_CE,
        S.CONSULTATION_EM,
    }


def test_customs_split_is_the_mirror_without_drafts() -> None:
    assert statuses_in_bucket(Bucket.A_TRAITER, Side.CUSTOMS) == statuses_in_bucket(
        Bucket.EN_ATTENTE, Side.OPERATOR
    )
    assert statuses_in_bucket(Bucket.EN_ATTENTE, Side.CUSTOMS) == {
        S.INCOMPLETE,
        S.INFO_COMPLEMENTAIRE,
        S.DROIT_ETRE_ENTENDU,
    }


def test_each_status_is_in_exactly_one_bucket_per_side() -> None:
    for side in Side:
        for status in DossierStatus:
            if side is Side.CUSTOMS and status is S.BROUILLON:
                continue
            owners = [b for b in Bucket if status in statuses_in_bucket(b, side)]
            assert len(owners) == 1, (side, status, owners)


def test_bucket_of() -> None:
    assert bucket_of(S.INCOMPLETE, Side.OPERATOR) is Bucket.A_TRAITER
    assert bucket_of(S.INCOMPLETE, Side.CUSTOMS) is Bucket.EN_ATTENTE
    assert bucket_of(S.REFUSEE, Side.CUSTOMS) is Bucket.CLOTURES
