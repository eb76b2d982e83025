"""Staff pages of the SRO records: the list (filtered, paginated, exported) and one event."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import activity_demographics_shown, logging_officer, may_import_activity, may_use_activity
from activity.filters import EventFilter
from activity.forms import DEMOGRAPHIC_FIELDS
from activity.models import EnforcementEvent
from activity.selectors import events_for_list
from activity.services.flags import MOU_CHECKS, event_flags
from core.audit import AuditKind, audit_record
from core.csv_export import csv_response

PAGE_SIZE = 25


class ActivityAreaView(View):
    """The records' pages exist for SROs, school administrators, coordinators and police reviewers; 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if not may_use_activity(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def filtered(self):
        user = self.request.user
        found = EventFilter(self.request.GET or None, queryset=events_for_list(user), user=user)
        return found, (found.qs if found.is_bound and found.is_valid() else found.queryset)


class EventListView(ActivityAreaView):
    """Events the person may read, with their MOU flags: audited with the filter used."""

    def get(self, request):
        found, events = self.filtered()
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        for event in page:
            event.flags = event_flags(event)
        audit_listed(request)
        context = {
            "filter": found,
            "page_obj": page,
            "events": page,
            "may_log": logging_officer(request.user),
            "may_import": may_import_activity(request.user),
        }
        return render(request, "activity/staff/index.html", context)


class EventDetailView(ActivityAreaView):
    def get(self, request, pk):
        event = get_object_or_404(events_for_list(request.user), pk=pk)
        audit_record(actor=request.user, kind=AuditKind.ACTIVITY_EVENT_VIEWED, obj=event, request=request)
        demographics = [event._meta.get_field(name) for name in DEMOGRAPHIC_FIELDS] if event.demographics_shown else []
        rows = [(capfirst(field.verbose_name), _display(event, field.name)) for field in demographics]
        context = {"event": event, "flags": event_flags(event), "demographics": rows}
        return render(request, "activity/staff/event.html", context)


class EventExportView(ActivityAreaView):
    """The filtered list as formula-safe CSV; demographics only where the person may read them."""

    def get(self, request):
        found, events = self.filtered()
        with_demographics = activity_demographics_shown(request.user)
        header = [str(h) for h in (_("Date"), _("School"), _("Officer"), _("Type"), _("Offence"))]
        header += [str(_("Referred for charging")), str(_("Real and immediate threat")), str(_("MOU flags"))]
        if with_demographics:
            header += [capfirst(EnforcementEvent._meta.get_field(name).verbose_name) for name in DEMOGRAPHIC_FIELDS]
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_RECORDS_EXPORTED,
            obj=None,
            note=filter_note(request),
            request=request,
        )
        rows = (_csv_row(event, with_demographics) for event in events)
        return csv_response(filename="sro-events.csv", header=header, rows=rows)


def _csv_row(event, with_demographics: bool) -> list:
    codes = " ".join(check.code for check in MOU_CHECKS if getattr(event, check.annotation))
    row = [event.date.isoformat(), event.school.name, event.officer.full_name, event.get_type_display()]
    row += [str(event.offence) if event.offence else "", _yes(event.referred_for_charging), _yes(event.real_threat)]
    row.append(codes)
    if with_demographics:
        row += [_display(event, name) if event.demographics_shown else "" for name in DEMOGRAPHIC_FIELDS]
    return row


def _yes(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


def _display(event, name: str):
    if name == "student_age":
        return event.student_age if event.student_age is not None else str(_("Not known"))
    return str(getattr(event, f"get_{name}_display")())


def audit_listed(request) -> None:
    """Records that ``request``'s person listed SRO records, with the filter used."""
    audit_record(
        actor=request.user, kind=AuditKind.ACTIVITY_RECORDS_VIEWED, obj=None, note=filter_note(request), request=request
    )


def filter_note(request) -> str:
    """The filter used, for the audit event's note."""
    return request.GET.urlencode()[:300]
