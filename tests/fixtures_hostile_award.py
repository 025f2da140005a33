"""The award part of the hostile world (tests/test_hostile_rendering.py): every text a lead or an
assessor types into the award, and the names they show beside, are hostile markup."""
from kmapp.extensions import db
from kmapp.models import AwardRound, Role

from .conftest import user
from .fixtures_assets import pdf_bytes
from .fixtures_hostile import sign_in_as, upload_with_name

CODES = ("relevance", "participation", "documentation", "accessibility", "impact", "sustainability", "leadership",
         "external")


def _criteria(app, year: int) -> dict[str, int]:
    from sqlalchemy import select
    with app.app_context():
        award = db.session.scalar(select(AwardRound).where(AwardRound.year == year))
        return {c.code: c.id for c in award.criteria}


def _ok(response):
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def build_hostile_award(app, client, built) -> None:
    """KMA 2025 finalised (agency B wins) and KMA 2026 open with drafts and one sent sheet each side."""
    p = built.payloads
    with app.app_context():
        other = user("juri2", None, Role.ASSESSOR)
        other.name = p.long("nameassessortwo")
        db.session.commit()
        built.ids["assessor_two"] = other.id
    sign_in_as(app, client, built.admin)
    for year, title in ((2025, p.long("awardtitle")), (2026, p.long("awardtitletwo"))):
        _ok(client.post("/award/new", data={"year": str(year), "title": title, "winners_count": "1",
                                            "submission_deadline": "2999-12-31", "ceremony_on": "2999-12-31"}))
        for agency in (built.agency_a, built.agency_b):
            for assessor in (built.assessor, built.assessor_two):
                _ok(client.post(f"/award/{year}/assignments", data={"agency_id": str(agency),
                                                                     "assessor_id": str(assessor)}))
    for year in (2025, 2026):
        ids = _criteria(app, year)
        sign_in_as(app, client, built.lead_a)
        narratives = {f"narrative_{ids[code]}": p.long(f"narr{year}{code[:4]}") for code in CODES}
        url = f"/award/{year}/nominations/{built.agency_a}"
        _ok(upload_with_name(client, {}, pdf_bytes("lampiran"), p.file_name(f"attach{year}"), url=f"{url}/attachments"))
        _ok(client.post(url, data={**narratives, "meetings": [str(built.meeting_a)], "assets": [str(built.asset)] if year == 2026 else [],
                                   "send" if year == 2025 else "save": "1"}))
        sheet = {f"score_{ids[code]}": "5" for code in CODES} | {f"comment_{ids[code]}": p.long(f"comm{year}{code[:4]}")
                                                                 for code in CODES}
        for who in (built.assessor, built.assessor_two):
            sign_in_as(app, client, who)
            _ok(client.post(f"/award/{year}/scores/{built.agency_b}", data={**sheet, "send": "1"}))
        sign_in_as(app, client, built.assessor)
        _ok(client.post(f"/award/{year}/scores/{built.agency_a}", data={**sheet, "save": "1"}))
    sign_in_as(app, client, built.admin)
    _ok(client.post("/award/2025/finalise"))
    with app.app_context():
        from sqlalchemy import select
        from kmapp.models import NominationAttachment
        built.ids["award_attachment"] = db.session.scalar(select(NominationAttachment.id).order_by(NominationAttachment.id))
    client.get("/")  # take the flash
