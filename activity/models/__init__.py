from activity.models.imports import BatchStatus, ImportBatch, ImportMapping, RecordKind
from activity.models.locks import LockedMonth
from activity.models.notices import FlagResolution, NoticeDeadline
from activity.models.records import (
    Disability,
    EnforcementEvent,
    Enrolment,
    EnrolmentDimension,
    EventType,
    Gender,
    Grade,
    Offence,
    OutreachActivity,
    OutreachKind,
    RaceEthnicity,
    YesNoUnknown,
)

__all__ = [
    "BatchStatus",
    "ImportBatch",
    "ImportMapping",
    "RecordKind",
    "Disability",
    "EnforcementEvent",
    "Enrolment",
    "EnrolmentDimension",
    "EventType",
    "FlagResolution",
    "Gender",
    "Grade",
    "LockedMonth",
    "NoticeDeadline",
    "Offence",
    "OutreachActivity",
    "OutreachKind",
    "RaceEthnicity",
    "YesNoUnknown",
]
