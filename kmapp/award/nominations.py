"""An agency's nomination: kept as a draft field by field, submitted once before the deadline."""
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from ..assets.uploads import AcceptedFile
from ..audit import record_change
from ..extensions import db
from ..models import (Asset, AssetStatus, AwardRound, Community, Meeting, Nomination, NominationAttachment,
                      NominationEvidence, NominationNarrative, SheetStatus, User, utcnow)
from .rounds import AwardRefused, require_open

NARRATIVE_MAX = 4000
MAX_ATTACHMENTS = 10


def nomination_for(award: AwardRound, agency_id: int, create: bool = False) -> Nomination | None:
    found = db.session.scalar(select(Nomination).where(Nomination.round_id == award.id,
                                                       Nomination.agency_id == agency_id))
    if found is None and create:
        found = Nomination(round_id=award.id, agency_id=agency_id)
        db.session.add(found)
        db.session.flush()
    return found


def deadline_passed(award: AwardRound, today: date) -> bool:
    return today > award.submission_deadline


def require_editable(award: AwardRound, nomination: Nomination | None, today: date) -> None:
    """Refuse changes after the deadline (naming it), after submission, or once finalised."""
    require_open(award)
    if deadline_passed(award, today):
        raise AwardRefused(_("Batas pengiriman nominasi %(day)s sudah lewat; nominasi tidak dapat diubah atau dikirim.",
                             day=format_date(award.submission_deadline, "d MMMM y")))
    if nomination is not None and nomination.submitted:
        raise AwardRefused(_("Nominasi sudah dikirim dan tidak dapat diubah lagi."))


def narratives_of(nomination: Nomination | None) -> dict[int, str]:
    return {row.criterion_id: row.text for row in nomination.narratives} if nomination else {}


def set_narrative(nomination: Nomination, criterion_id: int, text: str) -> None:
    row = next((r for r in nomination.narratives if r.criterion_id == criterion_id), None)
    if row is None:
        nomination.narratives.append(NominationNarrative(criterion_id=criterion_id, text=text))
    else:
        row.text = text
    nomination.updated_at = utcnow()


def candidate_meetings(award: AwardRound, agency_id: int) -> list[Meeting]:
    """Meetings of the agency's CoPs in the award's year and the year before."""
    return list(db.session.scalars(
        select(Meeting).join(Community).where(Community.agency_id == agency_id,
                                              Meeting.year.in_((award.year - 1, award.year)))
        .order_by(Meeting.held_on.desc())))


def candidate_assets(award: AwardRound, agency_id: int) -> list[Asset]:
    """Published assets of the agency's CoPs from the award's year and the year before."""
    return list(db.session.scalars(
        select(Asset).join(Community).where(Community.agency_id == agency_id, Asset.status == AssetStatus.PUBLISHED,
                                            Asset.published_on >= date(award.year - 1, 1, 1),
                                            Asset.published_on <= date(award.year, 12, 31))
        .order_by(Asset.published_on.desc(), Asset.id.desc())))


def set_evidence(nomination: Nomination, meeting_ids: list[int], asset_ids: list[int]) -> None:
    """Replace the evidence with the chosen meetings and assets (already limited to the agency's own)."""
    nomination.evidence = ([NominationEvidence(meeting_id=i) for i in sorted(set(meeting_ids))]
                           + [NominationEvidence(asset_id=i) for i in sorted(set(asset_ids))])
    nomination.updated_at = utcnow()


def submit(award: AwardRound, nomination: Nomination, actor: User, today: date) -> None:
    """Send the nomination to the assessors; every aspect needs its narrative."""
    require_editable(award, nomination, today)
    texts = narratives_of(nomination)
    missing = [c for c in award.criteria if not texts.get(c.id, "").strip()]
    if missing:
        raise AwardRefused(_("Narasi belum diisi untuk %(n)s aspek; semua aspek wajib diisi sebelum dikirim.",
                             n=len(missing)))
    nomination.status, nomination.submitted_at, nomination.submitted_by_id = (
        SheetStatus.SUBMITTED.value, utcnow(), actor.id)
    record_change("award.nomination_submitted", nomination, None, {"round": award.year, "agency": nomination.agency_id},
                  actor=actor)


def attach(nomination: Nomination, uploads: list[AcceptedFile], actor: User) -> list[NominationAttachment]:
    if len(nomination.attachments) + len(uploads) > MAX_ATTACHMENTS:
        raise AwardRefused(_("Paling banyak %(n)s lampiran per nominasi.", n=MAX_ATTACHMENTS))
    rows = [NominationAttachment(original_name=u.display_name, storage_name=u.stored.storage_name,
                                 content_type=u.kind.content_type, size_bytes=u.stored.size_bytes,
                                 sha256=u.stored.sha256, uploaded_by_id=actor.id) for u in uploads]
    nomination.attachments.extend(rows)
    nomination.updated_at = utcnow()
    return rows
