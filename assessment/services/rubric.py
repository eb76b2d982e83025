"""The district's rubric: seeding the default, editing a criterion and its levels."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.rules.assessment import AnnualRule, annual_districts_for
from assessment.models import Criterion, Level
from assessment.rubric_seed import CRITERIA, LEVELS
from core.audit import AuditKind, audit_record


@transaction.atomic
def rubric_default_seed(*, district) -> int:
    """Adds the default criteria the district does not have yet (by code); returns how many were added."""
    have = set(Criterion.objects.filter(district=district).values_list("code", flat=True))
    added = 0
    for position, (code, section, title_en, title_es, evidence) in enumerate(CRITERIA):
        if code in have:
            continue
        criterion = Criterion.objects.create(
            district=district,
            code=code,
            section=section,
            position=position,
            title_en=title_en,
            title_es=title_es,
            evidence=[str(key) for key in evidence],
        )
        Level.objects.bulk_create(
            Level(criterion=criterion, score=s, label_en=le, label_es=ls, description_en=de, description_es=ds)
            for s, le, ls, de, ds in LEVELS
        )
        added += 1
    return added


def _may_edit(user, district) -> None:
    if not annual_districts_for(user, AnnualRule.MANAGE).filter(pk=district.pk).exists():
        raise PermissionDenied


@transaction.atomic
def criterion_save(*, criterion: Criterion, user, levels: list[dict]) -> Criterion:
    """Saves a new or changed criterion and its levels (``levels``: dicts of Level fields by score);
    only a coordinator of its district may."""
    _may_edit(user, criterion.district)
    created = criterion.pk is None
    criterion.save()
    for values in levels:
        Level.objects.update_or_create(criterion=criterion, score=values["score"], defaults=values)
    audit_record(actor=user, kind=AuditKind.RUBRIC_CHANGED, obj=criterion, note="added" if created else criterion.code)
    return criterion
