"""Assessment records, one module per part: ``training``, ``commitments`` (you said, we did), ``annual`` (the
yearly assessment and its rubric), ``releases`` (published, frozen snapshots)."""

from assessment.models.annual import (
    AdvisoryNote,
    AdvisoryNoteKind,
    AgreedScore,
    AnnualProcess,
    AnnualTaskDue,
    Approval,
    Approver,
    Goal,
    GoalStatus,
    Score,
    Side,
    SignOff,
    Stage,
    WorkPlanTask,
)
from assessment.models.commitments import Commitment, CommitmentStatus, CommitmentUpdate, SourceKind
from assessment.models.releases import Release, ReleaseFrozen
from assessment.models.rubric import Criterion, EvidenceSection, Level, RubricSection
from assessment.models.training import (
    TopicSource,
    TrainingAttendance,
    TrainingEvent,
    TrainingRequirement,
    TrainingTopic,
)

__all__ = [
    "AdvisoryNote",
    "AdvisoryNoteKind",
    "AgreedScore",
    "AnnualProcess",
    "AnnualTaskDue",
    "Approval",
    "Approver",
    "Goal",
    "GoalStatus",
    "Score",
    "Side",
    "SignOff",
    "Stage",
    "WorkPlanTask",
    "Criterion",
    "EvidenceSection",
    "Level",
    "RubricSection",
    "Commitment",
    "Release",
    "ReleaseFrozen",
    "CommitmentStatus",
    "CommitmentUpdate",
    "SourceKind",
    "TopicSource",
    "TrainingAttendance",
    "TrainingEvent",
    "TrainingRequirement",
    "TrainingTopic",
]
