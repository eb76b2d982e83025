"""Sharing a survey's district results with the police roles (police
reviewers and SROs read them only once the coordinator shares them)."""

from django.db import transaction
from django.utils import timezone

from core.audit import AuditKind, audit_record
from surveys.models import Survey


@transaction.atomic
def survey_results_share(*, survey: Survey, user, shared: bool, request=None) -> Survey:
    """Shares (or stops sharing) ``survey``'s results with the police roles
    and records it in the audit log; returns the survey."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if shared == (survey.results_shared_at is not None):
        return survey
    survey.results_shared_at = timezone.now() if shared else None
    survey.save(update_fields=["results_shared_at", "updated_at"])
    kind = AuditKind.SURVEY_RESULTS_SHARED if shared else AuditKind.SURVEY_RESULTS_UNSHARED
    audit_record(actor=user, kind=kind, obj=survey, request=request, district_id=survey.district_id)
    return survey
