"""Builders for the maturity tests: the default instrument, a round, a filled self-assessment."""
from datetime import date, timedelta

from sqlalchemy import select

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.assessments import (SelfInput, VerifyInput, complete_verification, save_self_assessment,
                                       save_verification, submit)
from kmapp.maturity.instruments import seed_default_instrument
from kmapp.maturity.rounds import assign_assessor, open_round, publish
from kmapp.models import Agency, MaturityAssessment, MaturityEvidence, MaturityInstrument, MaturityRound, User

from .fixtures_assets import pdf_bytes
from .fixtures_hostile import sign_in_as, upload_with_name


def open_test_round(world, year: int = 2026, deadline: date | None = None, assign: bool = True) -> MaturityRound:
    """Version 1 of the instrument, a round for every agency, the assessor on agency B."""
    admin = db.session.get(User, world.admin)
    instrument = seed_default_instrument()
    round_ = open_round(year, instrument, deadline or local_today() + timedelta(days=30), admin)
    if assign:
        assign_assessor(round_, db.session.get(Agency, world.agency_b), db.session.get(User, world.assessor), admin)
    db.session.commit()
    return round_


def assessment_of(round_: MaturityRound, agency_id: int) -> MaturityAssessment:
    return next(a for a in round_.assessments if a.agency_id == agency_id)


def fill(assessment: MaturityAssessment, lead: User, score: int = 4, do_submit: bool = False) -> None:
    inputs = [SelfInput(indicator.id, score, f"Alasan {indicator.code}")
              for indicator in assessment.round.instrument.indicators]
    save_self_assessment(assessment, inputs, lead)
    if do_submit:
        submit(assessment, lead, local_today())
    db.session.commit()


def self_form(assessment: MaturityAssessment, score: int | str = 4, action: str = "save", **overrides) -> dict:
    """The whole self-assessment form as a browser sends it."""
    data = {"action": action}
    for indicator in assessment.round.instrument.indicators:
        data[f"i{indicator.id}-score"] = str(score)
        data[f"i{indicator.id}-justification"] = f"Alasan {indicator.code}"
    data.update(overrides)
    return data


# --- the hostile world's maturity part (tests/test_hostile_rendering.py) -------------------------

MATURITY_POST_ENDPOINTS = {
    "maturity.new_instrument_version": "build_hostile_maturity (redirect; the flash names versions only)",
    "maturity.save_thresholds": "test_maturity_forms_keep_hostile_input_as_text",
    "maturity.indicator_edit": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.indicator_new": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.indicator_delete": "test_maturity_forms_keep_hostile_input_as_text (flash names a code)",
    "maturity.round_new": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.assign": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text (refusal names "
                       "person and agency)",
    "maturity.unassign": "test_maturity_forms_keep_hostile_input_as_text (redirect)",
    "maturity.publish_round": "redirect only (the flash gives a count)",
    "maturity.save_self": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.autosave": "test_maturity_forms_keep_hostile_input_as_text",
    "maturity.upload_evidence": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.delete_evidence": "redirect only (the flash names nothing)",
    "maturity.verify": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.comment": "build_hostile_maturity, test_maturity_forms_keep_hostile_input_as_text",
    "maturity.publish_one": "redirect only",
    "maturity.reopen_assessment": "test_maturity_forms_keep_hostile_input_as_text",
    "maturity.warning_settings_page": "build_hostile_maturity (numbers only)",
}


def maturity_urls(w) -> dict[str, list[str]]:
    return {
        "maturity.index": ["/maturity/"],
        "maturity.instrument": [f"/maturity/instruments/{w.instrument_v1}", f"/maturity/instruments/{w.instrument_v2}"],
        "maturity.indicator_edit": [f"/maturity/indicators/{w.hostile_indicator}/edit"],
        "maturity.indicator_new": [f"/maturity/dimensions/{w.hostile_dimension}/indicators/new"],
        "maturity.round_new": ["/maturity/rounds/new"],
        "maturity.round_page": [f"/maturity/rounds/{w.round_2026}", f"/maturity/rounds/{w.round_2025}"],
        "maturity.assessment_page": [f"/maturity/assessments/{w.assessment_a}", f"/maturity/assessments/{w.assessment_b}",
                                     f"/maturity/assessments/{w.assessment_a_2025}"],
        "maturity.evidence_file": [f"/maturity/evidence/{w.evidence_file}"],
        "maturity.watch": ["/maturity/watch"],
        "maturity.warning_settings_page": ["/maturity/watch/settings"],
    }


def _level_texts(p, name: str) -> dict:
    return {f"level_{n}": p.long(f"{name}level{n}") if n == 1 else f"Level {n}" for n in range(1, 6)}


def build_hostile_maturity(app, client, built) -> None:
    """Last year's round published for agency A; this year's on a version whose indicator names
    are hostile (typed by the admin), with a lead's justification, an uploaded file, a
    facilitator's comment and an assessor's reason, all hostile, typed through the pages."""
    p = built.payloads
    with app.test_request_context():
        lead, admin = db.session.get(User, built.lead_a), db.session.get(User, built.admin)
        old = open_test_round(type("W", (), {"admin": built.admin, "agency_b": built.agency_b,
                                             "assessor": built.assessor}), year=2025, assign=False)
        last_year = assessment_of(old, built.agency_a)
        fill(last_year, lead, score=5, do_submit=True)
        save_verification(last_year, [VerifyInput(i.id, 5) for i in old.instrument.indicators], admin)
        complete_verification(last_year, admin)
        publish(last_year, admin)
        db.session.commit()
        built.ids.update(instrument_v1=old.instrument_id, round_2025=old.id, assessment_a_2025=last_year.id)

    admin_client = sign_in_as(app, client, built.admin)
    assert admin_client.post(f"/maturity/instruments/{built.instrument_v1}/versions").status_code == 302
    with app.app_context():
        v2 = db.session.scalar(select(MaturityInstrument).where(MaturityInstrument.version == 2))
        built.ids.update(instrument_v2=v2.id, hostile_indicator=v2.indicators[0].id,
                         hostile_dimension=v2.dimensions[0].id)
    response = admin_client.post(f"/maturity/indicators/{built.hostile_indicator}/edit", data={
        "name": p.long("indicatorname"), "weight": "10", **_level_texts(p, "indicator")})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = admin_client.post(f"/maturity/dimensions/{built.hostile_dimension}/indicators/new", data={
        "code": "SK-9", "name": p.long("newindicator"), "weight": "5", **_level_texts(p, "newindicator")})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = admin_client.post("/maturity/rounds/new", data={
        "year": "2026", "instrument_id": str(built.instrument_v2), "deadline": "2999-12-31"})
    assert response.status_code == 302, response.get_data(as_text=True)
    built.ids["round_2026"] = int(response.headers["Location"].rsplit("/", 1)[1])
    response = admin_client.post(f"/maturity/rounds/{built.round_2026}/assignments",
                                 data={"agency_id": str(built.agency_b), "assessor_id": str(built.assessor)})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = admin_client.post("/maturity/watch/settings", data={
        "min_level": "4", "meeting_drop_percent": "50", "utilisation_drop_points": "10", "overdue_reviews": "1"})
    assert response.status_code == 302
    admin_client.get("/")  # take the flashes

    with app.app_context():
        round_ = db.session.get(MaturityRound, built.round_2026)
        built.ids["assessment_a"] = assessment_of(round_, built.agency_a).id
        built.ids["assessment_b"] = assessment_of(round_, built.agency_b).id
        form_a = self_form(assessment_of(round_, built.agency_a))
        form_b = self_form(assessment_of(round_, built.agency_b), action="submit")
        first = round_.instrument.indicators[0].id
    form_a[f"i{first}-justification"] = p.long("justification")
    form_a[f"i{first}-evidence"] = [f"m{built.meeting_a}", f"a{built.asset}"]
    lead_client = sign_in_as(app, client, built.lead_a)
    assert lead_client.post(f"/maturity/assessments/{built.assessment_a}/self", data=form_a).status_code == 302
    response = upload_with_name(lead_client, {"indicator_id": str(first)}, pdf_bytes("bukti"), p.file_name("evidence"),
                                url=f"/maturity/assessments/{built.assessment_a}/evidence", file_field="file")
    assert response.status_code == 302, response.get_data(as_text=True)
    lead_client.get("/")
    with app.app_context():
        built.ids["evidence_file"] = db.session.scalar(select(MaturityEvidence.id).where(MaturityEvidence.kind == "file"))
    facilitator = sign_in_as(app, client, built.facilitator)
    assert facilitator.post(f"/maturity/assessments/{built.assessment_a}/comments",
                            data={"body": p.long("comment")}).status_code == 302
    facilitator.get("/")
    form_b[f"i{first}-justification"] = p.long("justificationb")
    lead_b = sign_in_as(app, client, built.lead_b)
    assert lead_b.post(f"/maturity/assessments/{built.assessment_b}/self", data=form_b).status_code == 302
    lead_b.get("/")
    assessor = sign_in_as(app, client, built.assessor)
    verification = {"action": "save", f"i{first}-score": "2", f"i{first}-reason": p.long("verifierreason")}
    assert assessor.post(f"/maturity/assessments/{built.assessment_b}/verify", data=verification).status_code == 302
    assessor.get("/")
