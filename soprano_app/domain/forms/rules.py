"""Cross-field checks of spec §1.8, run by « Contrôler » and « Valider ».

Each rule is a named function of (answers, context) yielding findings; the legal basis is named in
the message. Rule 1 (mandatory fields) and the format checks live in ``engine.check_answers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from decimal import ROUND_CEILING
from typing import Any

from .. import reference
from ..catalogue import CATALOGUE
from ..catalogue import codelists as cl
from ..catalogue.conditions import NON, OUI, is_filled
from ..catalogue.model import Group, Kind
from ..clock import add_months
from ..regimes import REGIMES, Regime
from .context import FormContext
from .engine import (
    Finding,
    Severity,
    field_target,
    group_target,
    is_visible,
    row_target,
    rows_of,
)
from .values import parse_date, parse_number

Rule = Callable[[Mapping[str, Any], FormContext], Iterator[Finding]]

ERR, WARN = Severity.ERREUR, Severity.AVERTISSEMENT


def _finding(
    field_id: str, message: str, severity: Severity = ERR, legal: str = "", target: str = ""
) -> Finding:
    item = CATALOGUE.item(field_id)
    return Finding(
        CATALOGUE.rubrique_of(field_id),
        field_id,
        target or (group_target(field_id) if isinstance(item, Group) else field_target(field_id)),
        item.label,
        message,
        severity,
        legal,
    )


def _row_finding(
    group_id: str, index: int, field_id: str, message: str, severity: Severity = ERR, legal: str = ""
) -> Finding:
    group = CATALOGUE.item(group_id)
    field = CATALOGUE.field(field_id)
    return Finding(
        CATALOGUE.rubrique_of(group_id),
        field_id,
        row_target(group_id, index),
        f"{getattr(group, 'row_label', 'Ligne')} {index + 1} — {field.label}",
        message,
        severity,
        legal,
    )


def _shown(field_id: str, answers: Mapping[str, Any], ctx: FormContext) -> bool:
    return CATALOGUE.has(field_id) and is_visible(CATALOGUE.item(field_id), answers, ctx)


def _cn(value: Any) -> str:
    return value if isinstance(value, str) and value.isdigit() else ""


def _goods(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    return rows_of(answers, "marchandises")


# 2 — EX/IM and IM/EX need equivalent goods ---------------------------------------------------------------


def prior_export_needs_equivalence(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    equivalence = answers.get("eq_demande") == OUI
    if ctx.regime is Regime.PA and answers.get("pa_ex_im") == OUI and not equivalence:
        yield _finding(
            "pa_ex_im",
            "L'exportation anticipée (EX/IM) ne peut être sollicitée que si l'utilisation de marchandises "
            "équivalentes a été demandée (art. 223, paragraphe 2, point c), CDU).",
            legal="art. 223 CDU",
        )
    if ctx.regime is Regime.PP and answers.get("pp_im_ex") == OUI and not equivalence:
        yield _finding(
            "pp_im_ex",
            "L'importation anticipée (IM/EX) ne peut être sollicitée que si l'utilisation de marchandises "
            "équivalentes a été demandée (art. 223, paragraphe 2, point d), CDU).",
            legal="art. 223 CDU",
        )


# 3 — equivalent goods: 8-digit CN, same code as the goods they replace ------------------------------------


def equivalence_needs_eight_digits(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if answers.get("eq_demande") != OUI or not _shown("eq_demande", answers, ctx):
        return
    goods = {str(row.get("_id")): (index, row) for index, row in enumerate(_goods(answers))}
    for eq_index, line in enumerate(rows_of(answers, "eq_lignes")):
        replaced = goods.get(str(line.get("eq_marchandise_remplacee", "")))
        if replaced is None:
            continue
        index, row = replaced
        code = _cn(row.get("mp_code_nc"))
        if len(code) < 8:
            yield _row_finding(
                "marchandises",
                index,
                "mp_code_nc",
                "Code NC à 8 chiffres obligatoire pour une marchandise remplacée par des marchandises "
                "équivalentes (art. 223, paragraphe 1, CDU).",
                legal="art. 223 CDU",
            )
        elif _cn(line.get("eq_code_nc")) and _cn(line.get("eq_code_nc"))[:8] != code[:8]:
            yield _row_finding(
                "eq_lignes",
                eq_index,
                "eq_code_nc",
                "Les marchandises équivalentes doivent relever du même code NC à 8 chiffres que la marchandise "
                f"qu'elles remplacent ({reference.format_cn(code[:8])}) (art. 223, paragraphe 1, CDU).",
                legal="art. 223 CDU",
            )


# 4 — inward processing: Annex 71-02 goods and economic codes ---------------------------------------------


def annex_71_02_and_economic_codes(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if ctx.regime is not Regime.PA:
        return
    codes = answers.get("pa_conditions_eco")
    codes = set(codes) if isinstance(codes, list) else set()
    annex_lines = [(i, r) for i, r in enumerate(_goods(answers)) if r.get("mp_annexe_71_02") == OUI]
    for index, row in annex_lines:
        if len(_cn(row.get("mp_code_nc"))) < 8:
            yield _row_finding(
                "marchandises",
                index,
                "mp_code_nc",
                "Code NC à 8 chiffres obligatoire pour une marchandise de l'annexe 71-02 RDC (art. 167 RDC).",
                legal="art. 167 RDC",
            )
    ordinary_lines = [r for r in _goods(answers) if r.get("mp_annexe_71_02") != OUI]
    # A code says which goods it covers (spec §2.1): listed goods only (06–09), other goods only (01,
    # 22), or any. An application may mix both kinds of goods: each kind needs a code that covers it.
    universal = codes - cl.CODES_ONLY_FOR_71_02 - cl.CODES_NOT_FOR_71_02
    if annex_lines:
        if not ordinary_lines and codes & cl.CODES_NOT_FOR_71_02:
            forbidden = ", ".join(sorted(codes & cl.CODES_NOT_FOR_71_02))
            yield _finding(
                "pa_conditions_eco",
                f"Code(s) {forbidden} impossible(s) : toutes les marchandises à placer relèvent de l'annexe "
                "71-02 RDC ; choisissez un code 06 à 09 ou un code valable pour toutes les marchandises "
                "(art. 167 RDC).",
                legal="art. 167 RDC",
            )
        elif codes and not (codes & cl.CODES_ONLY_FOR_71_02 or universal):
            yield _finding(
                "pa_conditions_eco",
                "Des marchandises de l'annexe 71-02 RDC sont déclarées : ajoutez un code 06 à 09 ou un code "
                "valable pour toutes les marchandises (art. 167 RDC).",
                legal="art. 167 RDC",
            )
        duration = parse_number(str(answers.get("duree_validite", "")))
        if duration is not None and duration > 36:
            yield _finding(
                "duree_validite",
                "36 mois au maximum lorsque des marchandises de l'annexe 71-02 RDC sont concernées "
                "(art. 173 RDC).",
                legal="art. 173 RDC",
            )
        if ordinary_lines and codes and not (codes & cl.CODES_NOT_FOR_71_02 or universal):
            yield _finding(
                "pa_conditions_eco",
                "Des marchandises hors annexe 71-02 RDC sont aussi déclarées : ajoutez un code qui les couvre "
                "(01, 22 ou un code valable pour toutes les marchandises, art. 167 RDC).",
                legal="art. 167 RDC",
            )
    elif codes & cl.CODES_ONLY_FOR_71_02:
        only = ", ".join(sorted(codes & cl.CODES_ONLY_FOR_71_02))
        yield _finding(
            "pa_conditions_eco",
            f"Code(s) {only} réservé(s) aux marchandises de l'annexe 71-02 RDC, or aucune marchandise à placer "
            "n'est déclarée comme telle (art. 167 RDC).",
            legal="art. 167 RDC",
        )
    if cl.NO_ECONOMIC_CODE in codes and len(codes) > 1:
        yield _finding(
            "pa_conditions_eco",
            "« Aucun code » ne peut pas être combiné avec un code de conditions économiques.",
        )
    if "22" in codes:
        for index, row in enumerate(_goods(answers)):
            if len(_cn(row.get("mp_code_nc"))) < 8:
                yield _row_finding(
                    "marchandises",
                    index,
                    "mp_code_nc",
                    "Code NC à 8 chiffres obligatoire avec le code de conditions économiques 22 (art. 167 RDC).",
                    legal="art. 167 RDC",
                )


# 5 — processed products ----------------------------------------------------------------------------------


def main_processed_product(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if ctx.regime not in (Regime.PA, Regime.PP):
        return
    products = rows_of(answers, "produits")
    if products and not any(p.get("pt_categorie") == "principal" for p in products):
        yield _finding("produits", "Indiquez au moins un produit transformé principal.")


# 7 — temporary admission: discharge period and relief -----------------------------------------------------


def _exceeds_months(answers: Mapping[str, Any], ctx: FormContext, limit: int) -> bool:
    """Whether the discharge period is longer than ``limit`` calendar months: a period in days is
    laid out from the wished start (or today), not cut into 30-day blocks (730 days are 24 months
    when they span a 29 February)."""
    amount = parse_number(str(answers.get("delai_apurement", "")))
    if amount is None:
        return False
    if answers.get("delai_apurement_unite") != "jours":
        return amount > limit
    start = parse_date(str(answers.get("date_effet", ""))) or ctx.today
    return start + timedelta(days=int(amount.to_integral_value(ROUND_CEILING))) > add_months(start, limit)


def temporary_admission_limits(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if ctx.regime is not Regime.AT:
        return
    case = cl.AT_CASES_BY_CODE.get(str(answers.get("at_cas", "")))
    if _exceeds_months(answers, ctx, cl.AT_GENERAL_CEILING_MONTHS):
        yield _finding(
            "delai_apurement",
            "En admission temporaire, le délai d'apurement est de 24 mois au maximum "
            "(art. 251, paragraphe 2, CDU).",
            legal="art. 251 CDU",
        )
    elif case is not None and case.max_months is not None and _exceeds_months(answers, ctx, case.max_months):
        yield _finding(
            "delai_apurement",
            f"Pour le cas {case.code}, le délai d'apurement est de {case.max_months} mois au maximum "
            f"(art. {case.article} RDC).",
            legal=f"art. {case.article} RDC",
        )
    if case is not None and case.code == "D20" and answers.get("at_sans_but_lucratif") == NON:
        yield _finding(
            "at_sans_but_lucratif",
            "Le cas D20 ne vaut que pour des essais, expériences ou démonstrations sans but lucratif "
            "(art. 231 RDC) ; choisissez sinon le cas D18.",
            legal="art. 231 RDC",
        )
    relief = answers.get("at_exoneration")
    if case is not None and relief in ("totale", "partielle") and relief != case.relief:
        yield _finding(
            "at_exoneration",
            "L'exonération partielle correspond au cas D30 (art. 206 RDC et art. 252 CDU : 3 % par mois des droits "
            "qui seraient dus) ; les autres cas bénéficient de l'exonération totale.",
            legal="art. 252 CDU",
        )


# 8 — customs warehouse: number of storage facilities -------------------------------------------------------


def single_storage_facility(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if ctx.regime is not Regime.ED or ctx.type_entrepot == "CWP_NON_AGREE":
        return
    if len(rows_of(answers, "ed_installations")) > 1:
        yield _finding(
            "ed_installations",
            "Un seul lieu de stockage est autorisé pour un entrepôt public ou un entrepôt privé avec agrément des "
            "locaux ; plusieurs lieux ne sont possibles qu'en entrepôt privé sans agrément des locaux.",
        )


# 9 — end-use: unit of measure --------------------------------------------------------------------------------


def end_use_unit(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if ctx.regime is not Regime.DP:
        return
    unit = answers.get("dp_unite_mesure")
    units = {row.get("mp_unite") for row in _goods(answers) if row.get("mp_unite")}
    if unit and units and unit not in units:
        yield _finding(
            "dp_unite_mesure",
            "Choisissez la même unité de mesure que celle retenue pour les marchandises à placer "
            f"({', '.join(sorted(str(u) for u in units))}).",
        )


def goods_code_lengths(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    """Digits of the goods codes per regime (spec §1.3.1): DP 8 (10 TARIC accepted), others 4 to 8;
    8 for PP standard exchange (art. 261 CDU)."""
    standard_exchange = ctx.regime is Regime.PP and OUI in (
        answers.get("pp_es_avec_import"),
        answers.get("pp_es_sans_import"),
    )
    for index, row in enumerate(_goods(answers)):
        code = _cn(row.get("mp_code_nc"))
        if not code:
            continue
        if ctx.regime is Regime.DP and len(code) not in (8, 10):
            yield _row_finding(
                "marchandises",
                index,
                "mp_code_nc",
                "En destination particulière, le code NC comporte 8 chiffres (ou 10 chiffres TARIC) : "
                "l'avantage tarifaire dépend du code exact (art. 254 CDU).",
                legal="art. 254 CDU",
            )
        elif ctx.regime is not Regime.DP and len(code) == 10:
            yield _row_finding(
                "marchandises",
                index,
                "mp_code_nc",
                "Le code à 10 chiffres (TARIC) n'est accepté qu'en destination particulière : saisissez les 8 "
                "chiffres de la nomenclature combinée.",
            )
        elif standard_exchange and len(code) < 8:
            yield _row_finding(
                "marchandises",
                index,
                "mp_code_nc",
                "Code NC à 8 chiffres obligatoire lorsque le système des échanges standard est sollicité "
                "(art. 261 CDU).",
                legal="art. 261 CDU",
            )


# 10 — dates -----------------------------------------------------------------------------------------------------


def start_date(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    effect = parse_date(str(answers.get("date_effet", "")))
    if effect is not None and effect < ctx.today and answers.get("retroactif") != OUI:
        yield _finding(
            "date_effet",
            "La date de prise d'effet ne peut pas être antérieure à la date de dépôt, sauf demande d'effet "
            "rétroactif (art. 22, paragraphe 4, et art. 211, paragraphe 2, CDU).",
            legal="art. 22 CDU",
        )
    retro = parse_date(str(answers.get("retroactif_date", "")))
    if answers.get("retroactif") == OUI and retro is not None:
        annex = any(r.get("mp_annexe_71_02") == OUI for r in _goods(answers))
        earliest = ctx.today - (timedelta(days=91) if annex else timedelta(days=365))
        if retro < earliest:
            span = "3 mois" if annex else "1 an"
            yield _finding(
                "retroactif_date",
                f"L'effet rétroactif ne peut en principe remonter à plus de {span} avant l'acceptation de la "
                "demande (art. 172 RDC).",
                WARN,
                legal="art. 172 RDC",
            )
        if retro > ctx.today:
            yield _finding("retroactif_date", "La date d'effet rétroactif doit être passée.")
    start, end = (
        parse_date(str(answers.get(k, ""))) for k in ("at_evenement_date_debut", "at_evenement_date_fin")
    )
    if ctx.regime is Regime.AT and start and end and end < start:
        yield _finding(
            "at_evenement_date_fin", "La date de fin précède la date de début de la manifestation."
        )


# 11 — customs offices in France unless several member states -----------------------------------------------


def _office_values(
    answers: Mapping[str, Any], ctx: FormContext
) -> Iterator[tuple[str, str, int | None, str]]:
    """(field id, code, row index, group id) of every visible office answer."""
    for field in CATALOGUE.all_fields():
        if field.kind is not Kind.OFFICE:
            continue
        group = CATALOGUE.group_of(field.id)
        if group is None:
            if _shown(field.id, answers, ctx) and answers.get(field.id):
                yield field.id, str(answers[field.id]), None, ""
        elif is_visible(group, answers, ctx):
            for index, row in enumerate(rows_of(answers, group.id)):
                if row.get(field.id):
                    yield field.id, str(row[field.id]), index, group.id


def offices_in_france(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if answers.get("validite_geo_ue") == OUI:
        return
    for field_id, code, index, group_id in _office_values(answers, ctx):
        if reference.OFFICE_PATTERN.match(code) and not code.startswith("FR"):
            message = (
                "Bureau situé hors de France alors que l'autorisation ne concerne qu'un État membre : vérifiez le "
                "code ou répondez « Oui » à la question sur les États membres."
            )
            if index is None:
                yield _finding(field_id, message, WARN)
            else:
                yield _row_finding(group_id, index, field_id, message, WARN)


# 12 — establishment in the Union ---------------------------------------------------------------------------


def established_in_union(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    if answers.get("dem_etabli_ue") == NON and not REGIMES[ctx.regime].applicant_outside_union:
        yield _finding(
            "dem_etabli_ue",
            "Le demandeur doit en principe être établi sur le territoire douanier de l'Union "
            "(art. 211, paragraphe 3, point a), CDU).",
            WARN,
            legal="art. 211 CDU",
        )


# 13 and §2.9 — documents to attach (the mandate itself is the catalogue field rep_mandat) --------------------


def _documents(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[tuple[str, str, Severity]]:
    """(attachment type, why, severity) of the documents this application calls for."""
    codes = answers.get("pa_conditions_eco")
    codes = set(codes) if isinstance(codes, list) else set()
    if ctx.regime is Regime.PA and codes & {"03", "08"}:
        yield "contrat", "pour les conditions économiques 03 ou 08", ERR
    if ctx.regime is Regime.AT and answers.get("at_cas") in ("D19", "D24"):
        yield "contrat", f"pour le cas d'admission temporaire {answers.get('at_cas')}", ERR
    if ctx.regime is Regime.PP and answers.get("pp_reparation_gratuite") == OUI:
        yield "contrat", "pour une réparation gratuite (garantie)", ERR
    if ctx.regime is Regime.PA and codes & (cl.CODES_NEEDING_EVIDENCE | {cl.NO_ECONOMIC_CODE}):
        yield "justificatifs_eco", "pour les conditions économiques choisies", ERR
    if ctx.regime in (Regime.PA, Regime.PP):
        yield "procede", "recommandé pour le perfectionnement", WARN
    if ctx.regime is Regime.ED:
        yield "plan", "recommandé pour l'entrepôt douanier", WARN
    if ctx.regime in (Regime.ED, Regime.PA):
        yield "procedure_ecritures", "recommandée pour ce régime", WARN


def documents_to_attach(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    labels = {o.code: o.label for o in cl.TYPES_PIECES_JOINTES}
    for code, why, severity in _documents(answers, ctx):
        if code in ctx.attachment_types:
            continue
        verb = "Joignez" if severity is ERR else "Pensez à joindre"
        yield _finding("pieces_jointes", f"{verb} une pièce de type « {labels[code]} » ({why}).", severity)


# Other rules of the spec tables -------------------------------------------------------------------------


def retroactive_conditions_all_met(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    ticked = answers.get("retroactif_conditions")
    ticked = set(ticked) if isinstance(ticked, list) else set()
    required = {option.code for option in cl.CONDITIONS_RETROACTIF}
    if answers.get("retroactif") == OUI and ticked and ticked != required:
        yield _finding(
            "retroactif_conditions",
            "L'effet rétroactif n'est accordé que si toutes les conditions a) à f) sont remplies "
            "(art. 211, paragraphe 2, CDU).",
            legal="art. 211 CDU",
        )


def member_states_include_france(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    states = answers.get("validite_geo_etats")
    if answers.get("validite_geo_ue") == OUI and isinstance(states, list) and states and "FR" not in states:
        yield _finding("validite_geo_etats", "La France fait toujours partie des États membres concernés.")


def accounts_abroad(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    country = answers.get("cpt_lieu_pays")
    if answers.get("cpt_lieu_identique") == NON and is_filled(country) and country != "FR":
        yield _finding(
            "cpt_lieu",
            "Comptabilité tenue hors de France : le service des douanes français pourrait ne pas être "
            "compétent (art. 22, paragraphe 1, CDU).",
            WARN,
            legal="art. 22 CDU",
        )


def product_rows_reference_goods(answers: Mapping[str, Any], ctx: FormContext) -> Iterator[Finding]:
    """References to goods lines that were removed since (the lines are edited separately)."""
    existing = {str(row.get("_id")) for row in _goods(answers)}
    for group_id, field_id in (("produits", "pt_marchandises"), ("eq_lignes", "eq_marchandise_remplacee")):
        if not CATALOGUE.has(group_id) or not is_visible(CATALOGUE.item(group_id), answers, ctx):
            continue
        for index, row in enumerate(rows_of(answers, group_id)):
            refs = row.get(field_id)
            refs = refs if isinstance(refs, list) else [refs] if refs else []
            if any(str(r) not in existing for r in refs):
                yield _row_finding(
                    group_id, index, field_id, "Cette ligne renvoie à une marchandise qui a été supprimée."
                )


RULES: tuple[Rule, ...] = (
    prior_export_needs_equivalence,
    equivalence_needs_eight_digits,
    annex_71_02_and_economic_codes,
    main_processed_product,
    temporary_admission_limits,
    single_storage_facility,
    end_use_unit,
    goods_code_lengths,
    start_date,
    offices_in_france,
    established_in_union,
    documents_to_attach,
    retroactive_conditions_all_met,
    member_states_include_france,
    accounts_abroad,
    product_rows_reference_goods,
)


def cross_checks(answers: Mapping[str, Any], ctx: FormContext) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(answers, ctx))
    return findings
