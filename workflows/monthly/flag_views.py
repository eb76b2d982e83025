"""The staff table "MOU flags and their resolutions": every flagged event the person may read, one row per
flag, with its written resolution; filtered (django-filter), paginated and exported as CSV (``core.csv_export``).

No student data is shown here, so police reviewers read their agency's flags like everyone else."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import activity_records_for, may_use_activity
from activity.services.flags import event_flags, events_with_flags, flagged_q
from core.audit import AuditKind, audit_record
from core.csv_export import csv_response
from workflows.monthly.filters import FlagFilter

PAGE_SIZE = 25


class FlagAreaView(View):
    """Exists for everyone who reads SRO records (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_use_activity(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def filtered(self):
        events = (
            events_with_flags(activity_records_for(self.request.user).filter(flagged_q()))
            .select_related("school", "officer", "offence")
            .prefetch_related("flag_resolutions__resolved_by")
            .order_by("-date", "-pk")
        )
        found = FlagFilter(self.request.GET or None, queryset=events, user=self.request.user)
        return found, (found.qs if found.is_bound and found.is_valid() else events)

    def audit(self, kind):
        note = self.request.GET.urlencode()[:300]
        audit_record(actor=self.request.user, kind=kind, obj=None, note=note, request=self.request)


def flag_rows(events, *, only: str = "", unresolved: bool = False):
    """(event, check, resolution or None) for every raised flag of ``events`` (``only`` one code)."""
    for event in events:
        resolutions = {r.code: r for r in event.flag_resolutions.all()}
        for check in event_flags(event):
            if (only and check.code != only) or (unresolved and check.code in resolutions):
                continue
            yield event, check, resolutions.get(check.code)


class FlagListView(FlagAreaView):
    def get(self, request):
        found, events = self.filtered()
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = list(flag_rows(page, only=_chosen(found, "flag") or "", unresolved=bool(_chosen(found, "unresolved"))))
        self.audit(AuditKind.FLAGS_VIEWED)
        return render(request, "workflows/monthly/flags.html", {"filter": found, "page_obj": page, "rows": rows})


def _chosen(found, name: str):
    """The filter's cleaned value of ``name`` (None when the filter is empty or invalid)."""
    return found.form.cleaned_data.get(name) if found.is_bound and found.is_valid() else None


class FlagExportView(FlagAreaView):
    def get(self, request):
        found, events = self.filtered()
        header = [
            str(h)
            for h in (
                _("Date"),
                _("School"),
                _("Officer"),
                _("Type"),
                _("Offence"),
                _("MOU item"),
                _("Flag"),
                _("Resolution"),
                _("Resolved by"),
                _("Resolved at"),
            )
        ]
        self.audit(AuditKind.FLAGS_EXPORTED)
        only, unresolved = _chosen(found, "flag") or "", bool(_chosen(found, "unresolved"))
        rows = (_csv_row(*row) for row in flag_rows(events, only=only, unresolved=unresolved))
        return csv_response(filename="mou-flags.csv", header=header, rows=rows)


def _csv_row(event, check, resolution) -> list:
    row = [event.date.isoformat(), event.school.name, event.officer.full_name, event.get_type_display()]
    row += [str(event.offence) if event.offence else "", check.item, str(check.label)]
    if resolution is None:
        return [*row, "", "", ""]
    # In the district's time zone, as the page dates it (a late-evening resolution is not tomorrow's).
    return [*row, resolution.text, str(resolution.resolved_by), localtime(resolution.resolved_at).isoformat()]
