"""The coordinator's audit log: a filterable list and a CSV export of the same rows."""

from itertools import islice

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts import rules
from core.audit import AuditKind, audit_record
from core.audit_display import changes_shown_many, changes_text
from core.csv_export import csv_response
from workflows import selectors
from workflows.forms import AuditFilterForm
from workflows.views.mixins import CoordinatorRequiredMixin

# Spreadsheet programs run cells starting with these as formulas.


class AuditLogView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/audit/event_list.html"

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None, user=self.request.user)
        events = selectors.audit_events_for(self.request.user, **form.filters())
        page = Paginator(events, settings.AUDIT_LOG_PAGE_SIZE).get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        shown = changes_shown_many(page.object_list)
        for event in page.object_list:
            event.changes_shown = shown[event.pk]
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)


def _csv_header() -> list[str]:
    return [
        _("When"),
        _("Who"),
        _("Action"),
        _("Record type"),
        _("Record id"),
        _("Record"),
        _("Changes"),
        _("Note"),
        _("IP address"),
        _("Event"),
    ]


def _csv_rows(events):
    rows = events.iterator(chunk_size=500)
    # The changes of 500 events at a time read their foreign keys' records together.
    while chunk := list(islice(rows, 500)):
        shown = changes_shown_many(chunk)
        yield from (_csv_row(event, shown[event.pk]) for event in chunk)


def _csv_row(event, shown) -> tuple:
    return (
        timezone.localtime(event.created_at).isoformat(),
        event.actor_repr,
        event.get_action_display(),
        event.content_type.name if event.content_type else "",
        event.object_id,
        event.object_repr,
        changes_text(shown),
        event.note,
        event.ip_address,
        event.get_kind_display(),
    )


class AuditExportView(CoordinatorRequiredMixin, View):
    """The filtered events as CSV. The export itself is recorded, once per district it covers."""

    def get(self, request):
        form = AuditFilterForm(request.GET or None, user=request.user)
        filters = form.filters()
        district = filters.get("district")
        district_ids = {district.pk} if district else rules.coordinated_district_ids(request.user)
        with transaction.atomic():
            for district_id in sorted(district_ids):
                audit_record(
                    actor=request.user,
                    kind=AuditKind.AUDIT_EXPORTED,
                    obj=None,
                    # The filters used, as the query string: the kind says what happened.
                    note=request.GET.urlencode(),
                    request=request,
                    district_id=district_id,
                )
        events = selectors.audit_events_for(request.user, **filters)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return csv_response(
            filename=f"audit-log-{stamp}.csv", header=_csv_header(), rows=_csv_rows(events), streaming=True
        )
