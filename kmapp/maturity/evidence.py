"""Uploaded evidence files: the same checks as asset uploads (by content, stored outside static/)."""
from flask_babel import gettext as _

from ..assets.uploads import AcceptedFile, discard_on_failure
from ..audit import record_change
from ..extensions import db
from ..files.storage import delete_stored
from ..models import AssessmentState, EvidenceKind, MaturityAssessment, MaturityEvidence, User
from .assessments import AssessmentRefused, indicators_by_id, score_row, scores_by_indicator


def add_file_evidence(assessment: MaturityAssessment, indicator_id: int, accepted: AcceptedFile,
                      actor: User) -> MaturityEvidence:
    """Attach a received file to one indicator of a draft; the caller commits. On any failure
    the stored file is removed (nothing is left behind)."""
    with discard_on_failure([accepted]):
        if assessment.state != AssessmentState.DRAFT:
            raise AssessmentRefused(_("Penilaian mandiri sudah dikirim dan tidak dapat diubah lagi."))
        if indicator_id not in indicators_by_id(assessment):
            raise AssessmentRefused(_("Pilih indikator yang didukung berkas ini."))
        row = score_row(assessment, indicator_id, scores_by_indicator(assessment))
        stored = accepted.stored
        evidence = MaturityEvidence(kind=EvidenceKind.FILE.value, storage_name=stored.storage_name,
                                    original_name=accepted.display_name, content_type=accepted.kind.content_type,
                                    size_bytes=stored.size_bytes, sha256=stored.sha256, added_by_id=actor.id)
        row.evidence.append(evidence)
        db.session.flush()
        record_change("maturity_evidence.uploaded", evidence, None,
                      {"assessment_id": assessment.id, "name": accepted.display_name}, actor=actor)
    return evidence


def remove_evidence(evidence: MaturityEvidence, actor: User) -> None:
    """Remove a piece of evidence from a draft (an uploaded file is deleted after the commit)."""
    if evidence.score.assessment.state != AssessmentState.DRAFT:
        raise AssessmentRefused(_("Penilaian mandiri sudah dikirim dan tidak dapat diubah lagi."))
    record_change("maturity_evidence.removed", evidence, {"kind": evidence.kind, "name": evidence.original_name},
                  None, actor=actor)
    evidence.score.evidence.remove(evidence)
    db.session.delete(evidence)


def delete_file_after_commit(storage_name: str | None) -> None:
    if storage_name:
        delete_stored(storage_name)
