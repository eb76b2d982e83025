"""The coordinator's audit log: a filterable list and a CSV export of the same rows."""

import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts import rules
from core.audit import AuditKind, audit_record
from workflows import selectors
from workflows.forms import AuditFilterForm
from workflows.views.mixins import CoordinatorRequiredMixin

# Spreadsheet programs run cells starting with these as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class AuditLogView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/audit/event_list.html"

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None, user=self.request.user)
        events = selectors.audit_events_for(self.request.user, **form.filters())
        page = Paginator(events, settings.AUDIT_LOG_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_rows(events):
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
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
    )
    for event in events.iterator(chunk_size=500):
        yield writer.writerow(
            [
                _cell(v)
                for v in (
                    timezone.localtime(event.created_at).isoformat(),
                    event.actor_repr,
                    event.get_action_display(),
                    event.content_type.name if event.content_type else "",
                    event.object_id,
                    event.object_repr,
                    event.changes,
                    event.note,
                    event.ip_address,
                    event.get_kind_display(),
                )
            ]
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
        response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
        return response
