"""The maturity forms answered with errors (and their refusals) keep hostile input as text.
Uses the whole-site hostile world of tests/test_hostile_rendering.py."""
from kmapp.extensions import db
from kmapp.models import MaturityAssessment, User

from .fixtures_hostile import inspect_page, sign_in_as
from .fixtures_maturity import self_form
from .test_hostile_rendering import HX, hostile, seen_markers  # noqa: F401 (fixtures)


def test_maturity_forms_keep_hostile_input_as_text(hostile, seen_markers):  # noqa: F811
    app, world, _urls = hostile
    p = world.payloads
    findings = []

    def check(response, where, statuses=(200, 422)):
        assert response.status_code in statuses, (where, response.status_code)
        findings.extend(inspect_page(response.get_data(as_text=True), where, seen_markers))
        return response.get_data(as_text=True)  # markers show in text and in form values alike

    admin = sign_in_as(app, app.test_client(), world.admin)
    levels = {f"level_{n}": p.long(f"formlevel{n}") for n in range(1, 6)}
    text = check(admin.post(f"/maturity/indicators/{world.hostile_indicator}/edit",
                            data={"name": p.long("formindicator"), "weight": "500", **levels}), "indicator errors")
    assert "zzformindicatorzz" in text
    check(admin.post(f"/maturity/dimensions/{world.hostile_dimension}/indicators/new",
                     data={"code": p.short("formcode"), "name": p.long("formnew"), "weight": "5", **levels}),
          "new indicator errors")
    check(admin.post(f"/maturity/instruments/{world.instrument_v2}/thresholds",
                     data={"level_2_from": p.tiny("fthr")}), "threshold errors")
    check(admin.post("/maturity/rounds/new", data={"year": "2026", "instrument_id": str(world.instrument_v2),
                                                   "deadline": p.tiny("fdl")}), "round errors")
    with app.app_context():  # an assessor of agency A: the refusal names him and the agency
        db.session.get(User, world.assessor).agency_id = world.agency_a
        db.session.commit()
    try:
        text = check(admin.post(f"/maturity/rounds/{world.round_2026}/assignments",
                                data={"agency_id": str(world.agency_a), "assessor_id": str(world.assessor)}),
                     "assignment refused")
        assert "zznameassessorzz" in text and "zzagencyazz" in text
    finally:
        with app.app_context():
            db.session.get(User, world.assessor).agency_id = None
            db.session.commit()
    response = admin.post(f"/maturity/rounds/{world.round_2026}/assignments/delete",
                          data={"agency_id": "1", "assessor_id": "999"})
    assert response.status_code == 302
    check(admin.post(f"/maturity/assessments/{world.assessment_a_2025}/reopen",
                     data={"to_state": "submitted", "reason": ""}), "reopen without reason")

    lead = sign_in_as(app, app.test_client(), world.lead_a)
    with app.app_context():
        form = self_form(db.session.get(MaturityAssessment, world.assessment_a), score="9")
        first = db.session.get(MaturityAssessment, world.assessment_a).round.instrument.indicators[0].id
    form[f"i{first}-justification"] = p.long("formjustification")
    text = check(lead.post(f"/maturity/assessments/{world.assessment_a}/self", data=form), "self errors")
    assert "zzformjustificationzz" in text and "1 sampai 5" in text
    for headers in ({}, HX):
        response = lead.post(f"/maturity/assessments/{world.assessment_a}/indicators/{first}",
                             data={f"i{first}-score": "0", f"i{first}-justification": p.long("autosave")},
                             headers=headers)
        if headers:
            check(response, "autosave refused (htmx)")
        else:
            assert response.status_code == 302
    check(lead.post(f"/maturity/assessments/{world.assessment_a}/evidence", data={"indicator_id": str(first)}),
          "evidence without a file")

    facilitator = sign_in_as(app, app.test_client(), world.facilitator)
    check(facilitator.post(f"/maturity/assessments/{world.assessment_a}/comments", data={"body": ""}),
          "empty comment")
    assessor = sign_in_as(app, app.test_client(), world.assessor)
    text = check(assessor.post(f"/maturity/assessments/{world.assessment_b}/verify",
                               data={"action": "save", f"i{first}-score": "1", f"i{first}-reason": ""}),
                 "verification without reason")
    assert "zzjustificationbzz" in text
    assert not findings, "\n".join(map(str, findings))
