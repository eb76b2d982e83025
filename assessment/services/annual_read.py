"""What one person reads of an annual assessment: the scores they may see (blind while scoring),
the steps they may do, and the rubric rows the page shows."""

from dataclasses import dataclass, field

from accounts.rules.assessment import ANNUAL_TASK_RULES, AnnualRule
from assessment.models import AgreedScore, AnnualProcess, Criterion, Score, Side, Stage

BLIND_STAGES = (Stage.EVIDENCE, Stage.SCORING)


def visible_sides(assessment: AnnualProcess, held: set[str]) -> list[str]:
    """The sides whose scores a person holding ``held`` reads: while scoring, only the side they
    score for; afterwards both, for everyone who reads the assessment."""
    if assessment.stage in BLIND_STAGES:
        own = {AnnualRule.SCORE_DISTRICT: Side.DISTRICT, AnnualRule.SCORE_AGENCY: Side.AGENCY}
        return [side for rule, side in own.items() if rule in held]
    return [Side.DISTRICT, Side.AGENCY] if AnnualRule.READ in held else []


@dataclass
class RubricRow:
    criterion: Criterion
    scores: dict[str, Score] = field(default_factory=dict)
    agreed: AgreedScore | None = None

    @property
    def differs(self) -> bool:
        values = {s.score for s in self.scores.values()}
        return len(values) > 1


def rubric_rows(assessment: AnnualProcess, held: set[str]) -> list[RubricRow]:
    """Every active criterion with the scores ``held`` lets the reader see (three queries)."""
    sides = visible_sides(assessment, held)
    rows = {c.pk: RubricRow(criterion=c) for c in assessment.scored_criteria()}
    for score in Score.objects.filter(assessment=assessment, side__in=sides):
        if score.criterion_id in rows:
            rows[score.criterion_id].scores[score.side] = score
    if assessment.stage not in BLIND_STAGES:
        for agreed in AgreedScore.objects.filter(assessment=assessment):
            if agreed.criterion_id in rows:
                rows[agreed.criterion_id].agreed = agreed
    return list(rows.values())


def may_do(task, held: set[str]) -> bool:
    """Whether a person holding ``held`` does ``task`` (the advisory review: the coordinator closes it)."""
    name = task.flow_task.name
    rule = AnnualRule.MANAGE if name == "advisory_review" else ANNUAL_TASK_RULES[name]
    return rule in held
