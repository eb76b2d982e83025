"""The district's notification deadlines (``activity.NoticeDeadline``): a coordinator sets them in hours."""

import datetime

from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import get_district_for_coordinator
from activity.models import NoticeDeadline
from core.audit import AuditKind, audit_record

_HOURS = [MinValueValidator(1), MaxValueValidator(720)]
_HELP = _("In hours after the end of the day of the arrest or custody; leave empty for no deadline.")


class NoticeDeadlineForm(forms.Form):
    principal_hours = forms.IntegerField(
        label=_("The principal is told within (hours)"), required=False, validators=_HOURS, help_text=_HELP
    )
    guardian_hours = forms.IntegerField(
        label=_("The parent or guardian is told within (hours)"), required=False, validators=_HOURS, help_text=_HELP
    )


def _hours(value: datetime.timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds() // 3600)


def _span(hours: int | None) -> datetime.timedelta | None:
    return None if hours is None else datetime.timedelta(hours=hours)


@transaction.atomic
def notice_deadline_set(*, district, user, principal_hours: int | None, guardian_hours: int | None) -> NoticeDeadline:
    """Saves the district's deadlines (hours, or None for none) and audits the change."""
    deadline, _created = NoticeDeadline.objects.get_or_create(district=district)
    before = [_hours(deadline.principal_within), _hours(deadline.guardian_within)]
    deadline.principal_within, deadline.guardian_within = _span(principal_hours), _span(guardian_hours)
    deadline.save()
    changes = {"principal_hours": [before[0], principal_hours], "guardian_hours": [before[1], guardian_hours]}
    audit_record(actor=user, kind=AuditKind.NOTICE_DEADLINES_CHANGED, obj=deadline, changes=changes)
    return deadline


class NoticeDeadlineView(View):
    """GET shows, POST saves the district's notification deadlines (its coordinators only; 404 otherwise)."""

    def get(self, request, district, form=None):
        district = get_district_for_coordinator(request.user, district)
        saved = NoticeDeadline.objects.filter(district=district).first()
        initial = {
            "principal_hours": _hours(saved.principal_within) if saved else None,
            "guardian_hours": _hours(saved.guardian_within) if saved else None,
        }
        form = form or NoticeDeadlineForm(initial=initial)
        return render(request, "workflows/monthly/deadlines.html", {"district": district, "form": form})

    def post(self, request, district):
        found = get_district_for_coordinator(request.user, district)
        form = NoticeDeadlineForm(request.POST)
        if not form.is_valid():
            return self.get(request, district, form=form)
        notice_deadline_set(district=found, user=request.user, **form.cleaned_data)
        messages.success(request, _("The notification deadlines are saved."))
        return redirect("staff:monthly:deadlines", district=found.pk)
