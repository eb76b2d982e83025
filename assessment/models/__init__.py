"""Assessment records, one module per part: ``training``, ``commitments`` (you said, we did), ``annual`` (the
yearly assessment and its rubric), ``releases`` (published, frozen snapshots)."""

from assessment.models.annual import (  # noqa: F401
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
from assessment.models.rubric import Criterion, EvidenceSection, Level, RubricSection  # noqa: F401
