"""Opening a school year's assessment: the coordinator's hand-off to AnnualAssessmentFlow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules.assessment import AnnualRule, annual_districts_for
from assessment.flows import AnnualAssessmentFlow
from assessment.models import AnnualProcess, Criterion
from assessment.services.rubric import rubric_default_seed
from core.audit import AuditKind, audit_record
from core.schoolyear import school_year_label


@transaction.atomic
def annual_open(*, district, school_year: int, by) -> AnnualProcess:
    """Starts the assessment of ``school_year`` for ``district`` and compiles its evidence pack.
    A district without a rubric gets the default one first."""
    if not annual_districts_for(by, AnnualRule.MANAGE).filter(pk=district.pk).exists():
        raise PermissionDenied
    if AnnualProcess.objects.filter(district=district, school_year=school_year).exists():
        raise ValidationError(
            {"school_year": _("The %(year)s assessment is already open.") % {"year": school_year_label(school_year)}}
        )
    if not Criterion.objects.filter(district=district, active=True).exists():
        rubric_default_seed(district=district)
    process = AnnualAssessmentFlow.start.run(district=district, school_year=school_year)
    assessment = AnnualProcess.objects.get(pk=process.pk)
    audit_record(actor=by, kind=AuditKind.ANNUAL_OPENED, obj=assessment, note=assessment.year_label)
    return assessment
