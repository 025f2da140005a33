"""The programme's fixed vocabularies, stored as short strings with CHECK constraints."""
from enum import StrEnum

from sqlalchemy import CheckConstraint


class Role(StrEnum):
    EMPLOYEE = "employee"
    COP_LEAD = "cop_lead"
    FACILITATOR = "facilitator"
    ADMIN = "admin"
    ASSESSOR = "assessor"
    HR_OFFICER = "hr_officer"  # an agency's HR officer: departures and position data of his own agency only


class MemberRole(StrEnum):
    """A person's place in one CoP."""
    LEAD = "lead"
    MEMBER = "member"
    FACILITATOR = "facilitator"


class MeetingFormat(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    HYBRID = "hybrid"


class SeciStage(StrEnum):
    SOCIALIZATION = "socialization"
    EXTERNALIZATION = "externalization"
    COMBINATION = "combination"
    INTERNALIZATION = "internalization"


class KmStage(StrEnum):
    """The six stages of the KM cycle, in order."""
    IDENTIFICATION = "identification"
    CREATION = "creation"
    STORAGE = "storage"
    SHARING = "sharing"
    APPLICATION = "application"
    RENEWAL = "renewal"


class AssetType(StrEnum):
    SOP = "sop"
    TECHNICAL_GUIDE = "technical_guide"
    REGULATION = "regulation"
    MODULE = "module"
    LESSON_LEARNED = "lesson_learned"
    BEST_PRACTICE = "best_practice"
    INFOGRAPHIC = "infographic"
    VIDEO = "video"
    REPORT = "report"
    OTHER = "other"
    HANDOVER_NOTE = "handover_note"  # catatan serah terima: published from a handover's capture meeting


class Visibility(StrEnum):
    ALL = "all"
    AGENCY = "agency"
    COMMUNITY = "community"


class AssetStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class AccessKind(StrEnum):
    OPEN = "open"
    DOWNLOAD = "download"


def one_of(column: str, enum: type[StrEnum], name: str) -> CheckConstraint:
    """A CHECK constraint that keeps `column` inside the enum's values."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name)


class JobState(StrEnum):
    """A background job's life: waiting, claimed by one worker, or parked after repeated failures
    (done jobs are deleted)."""
    QUEUED = "queued"
    RUNNING = "running"
    PARKED = "parked"


class PositionClass(StrEnum):
    """Position classes that decide the retirement age (batas usia pensiun); see DOMAIN.md."""
    ADMINISTRATIVE = "administrative"          # jabatan administrasi (pelaksana, pengawas, administrator)
    FUNCTIONAL_JUNIOR = "functional_junior"    # fungsional keterampilan, ahli pertama and ahli muda
    FUNCTIONAL_MIDDLE = "functional_middle"    # fungsional ahli madya
    SENIOR_EXECUTIVE = "senior_executive"      # jabatan pimpinan tinggi (JPT)
    FUNCTIONAL_TOP = "functional_top"          # fungsional ahli utama


class DepartureKind(StrEnum):
    TRANSFER = "transfer"      # mutasi to another agency
    RETIREMENT = "retirement"  # pensiun


class HandoverState(StrEnum):
    """not started -> in progress -> submitted -> confirmed by the supervisor."""
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
