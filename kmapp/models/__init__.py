"""All tables of Portal KM, importable from one place."""
from .assets import (Asset, AssetAccess, AssetFile, AssetFileVersion, AssetVote, PendingUpload, PeriodReader,
                     SearchOutbox, Tag, asset_tag)
from .audit import AuditLog
from .award import (AspectScore, AssessorAssignment, AwardCriterion, AwardResult, AwardRound, Nomination,
                    NominationAttachment, NominationEvidence, NominationNarrative, RoundStatus, ScoreSheet,
                    SheetStatus)
from .base import utcnow
from .discussions import Post, Thread, ThreadKind
from .enums import (AccessKind, AssetStatus, AssetType, DepartureKind, HandoverState, JobState, KmStage, MeetingFormat,
                    MemberRole, PositionClass, Role, SeciStage, Visibility)
from .guide import GuidePage, GuidePageVersion, GuideSection
from .expertise import DeclaredExpertise, ExpertiseSettings, TopicEvidence, TopicEvidenceKind
from .handover import Departure, Handover, HandoverSettings, handover_successor
from .jobs import Job
from .meetings import Attendance, Meeting, MeetingSeciStage, QuarterLock
from .people import Agency, Community, CommunityMember, LoginAttempt, User, UserRole, UserSession
from .maturity import (AssessmentState, EvidenceKind, MaturityAssessment, MaturityAssessorAssignment, MaturityComment,
                       MaturityDimension, MaturityEvidence, MaturityIndicator, MaturityInstrument, MaturityRound,
                       MaturityScore, MaturityWarningSettings)
from .notifications import Delivery, Notification, NotificationPreference, Watch, WatchTarget
from .programme import QuarterTarget
from .settings import AttendeeVisibility, MinutesVisibility, ProgrammeSetting

__all__ = [
    "AccessKind", "Agency", "Asset", "AssetAccess", "AssetFile", "AssetFileVersion", "AssetStatus",
    "AssetType", "AssetVote", "Attendance", "AuditLog", "Community", "CommunityMember", "Job", "JobState", "KmStage",
    "LoginAttempt", "Meeting", "MeetingFormat", "MeetingSeciStage", "MemberRole", "PendingUpload", "PeriodReader",
    "QuarterLock",
    "QuarterTarget", "Role", "SearchOutbox", "SeciStage", "Tag", "User", "UserRole", "UserSession",
    "Visibility", "asset_tag", "utcnow",
    "AttendeeVisibility", "MinutesVisibility", "ProgrammeSetting",
    "AssessmentState", "EvidenceKind", "MaturityAssessment", "MaturityAssessorAssignment", "MaturityComment",
    "MaturityDimension", "MaturityEvidence", "MaturityIndicator", "MaturityInstrument", "MaturityRound",
    "MaturityScore", "MaturityWarningSettings",
    "AspectScore", "AssessorAssignment", "AwardCriterion", "AwardResult", "AwardRound", "Nomination",
    "NominationAttachment", "NominationEvidence", "NominationNarrative", "RoundStatus", "ScoreSheet", "SheetStatus",
    "Delivery", "Notification", "NotificationPreference", "Watch", "WatchTarget",
    "Post", "Thread", "ThreadKind",
    "GuidePage", "GuidePageVersion", "GuideSection",
    "DeclaredExpertise", "ExpertiseSettings", "TopicEvidence", "TopicEvidenceKind",
    "Departure", "DepartureKind", "Handover", "HandoverSettings", "HandoverState", "PositionClass",
    "handover_successor",
]
