def test_every_library_of_standard_texts_belongs_to_a_step_that_takes_a_message() -> None:
    from soprano_app.domain import workflow as wf
    from soprano_app.domain.authorisation_workflow import LifeAction
    from soprano_app.domain.grounds import STANDARD_TEXTS

    life_actions = {a.value for a in LifeAction}
    for action, texts in STANDARD_TEXTS.items():
        assert texts, action
        if action in life_actions:
            continue
        assert wf.Need.MESSAGE in wf.TRANSITIONS[wf.Action(action)].needs, action


def test_a_standard_text_is_added_on_its_own_line_and_an_unknown_one_changes_nothing() -> None:
    from soprano_app.domain.grounds import standard_texts, with_standard_text

    offered = standard_texts("declarer_irrecevable")
    assert offered[0] == {"index": "0", "label": "Informations requises manquantes"}
    first = with_standard_text("", "declarer_irrecevable", "0")
    assert first.startswith("La demande ne contient pas toutes les informations") and "[…]" in first
    both = with_standard_text(first, "declarer_irrecevable", "2")
    assert both.split("\n")[0] == first and "EORI" not in both and "article 9" in both.split("\n")[1]
    for bad in ("99", "-1", "x", ""):
        assert with_standard_text("Mon texte", "declarer_irrecevable", bad) == "Mon texte"
    assert with_standard_text("Mon texte", "accepter", "0") == "Mon texte"
    assert standard_texts("accepter") == []
