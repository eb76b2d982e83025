"""Staff pages for importing an agency's SRO records: upload and dry run, mapping, import, and coverage.

They exist for those ``ActivityRule.IMPORT`` names (the district's coordinators, the agency's head); anyone else
and anyone else's import gets 404. Every page view and change is audited.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from accounts.rules import import_agencies_for, import_rows_for, may_import_activity
from activity.imports.coverage import coverage_for
from activity.imports.forms import CoverageForm, ImportForm, MappingForm, UploadForm
from activity.imports.mapping import mapping_for, mapping_save
from activity.imports.services import ImportRefused, batch_check, batch_import, batch_upload
from activity.models import BatchStatus
from core.audit import AuditKind, audit_record
from core.schoolyear import school_year_label, school_year_of
from core.views import PrivatePageMixin

PAGE_SIZE = 25
ERRORS_PAGE_SIZE = 100


class ImportAreaView(PrivatePageMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not may_import_activity(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ImportListView(ImportAreaView):
    """The upload form and the imports of the person's agencies, newest first."""

    def get(self, request, form=None):
        agencies = import_agencies_for(request.user)
        form = form or UploadForm(agencies=agencies)
        batches = import_rows_for(request.user).select_related("agency", "uploaded_by").defer("content", "errors")
        page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(actor=request.user, kind=AuditKind.ACTIVITY_IMPORTS_VIEWED, obj=None, request=request)
        return render(request, "activity/staff/import_list.html", {"form": form, "page_obj": page, "batches": page})

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, agencies=import_agencies_for(request.user))
        if not form.is_valid():
            return self.get(request, form=form)
        upload = form.cleaned_data["file"]
        try:
            batch = batch_upload(
                agency=form.cleaned_data["agency"],
                kind=form.cleaned_data["kind"],
                name=upload.name,
                content=upload.read(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.get(request, form=form)
        return redirect("staff:activity:import", pk=batch.pk)


class _BatchView(ImportAreaView):
    def batch(self, pk):
        # The file itself (up to 5 MB) is read only when a check or the import needs it.
        rows = import_rows_for(self.request.user).select_related("agency", "uploaded_by").defer("content")
        return get_object_or_404(rows, pk=pk)


class ImportBatchView(_BatchView):
    """The dry run: every row error (paginated), the column mapping and the import button."""

    def get(self, request, pk, mapping_form=None, import_form=None):
        batch = self.batch(pk)
        columns, value_maps, saved = mapping_for(agency=batch.agency, kind=batch.kind, headers=batch.headers)
        mapping_form = mapping_form or MappingForm(
            kind=batch.kind, headers=batch.headers, columns=columns, value_maps=value_maps
        )
        errors = Paginator(batch.errors, ERRORS_PAGE_SIZE).get_page(request.GET.get("page"))
        earlier = (
            import_rows_for(request.user)
            .filter(agency=batch.agency, sha256=batch.sha256, status=BatchStatus.IMPORTED)
            .exclude(pk=batch.pk)
            .only("pk", "imported_at")
            .first()
        )
        audit_record(actor=request.user, kind=AuditKind.ACTIVITY_IMPORTS_VIEWED, obj=batch, request=request)
        context = {
            "batch": batch,
            "mapping_form": mapping_form,
            "mapping_saved": saved,
            "import_form": import_form or ImportForm(),
            "errors_page": errors,
            "earlier": earlier,
        }
        return render(request, "activity/staff/import_batch.html", context)


class ImportMappingView(ImportBatchView):
    """Saves the agency's mapping from this file's headers and checks the file again."""

    http_method_names = ["post"]

    def post(self, request, pk):
        batch = self.batch(pk)
        columns, value_maps, _saved = mapping_for(agency=batch.agency, kind=batch.kind, headers=batch.headers)
        form = MappingForm(request.POST, kind=batch.kind, headers=batch.headers, columns=columns, value_maps=value_maps)
        if batch.status == BatchStatus.IMPORTED:
            form.add_error(None, _("This file was imported already; upload it again to check it with a new mapping."))
        if not form.is_valid():
            return self.get(request, pk, mapping_form=form)
        mapping_save(
            agency=batch.agency,
            kind=batch.kind,
            columns=form.columns(),
            value_maps=form.cleaned_data["codes"],
            by=request.user,
            request=request,
        )
        batch_check(batch=batch, by=request.user, request=request)
        messages.success(request, _("The mapping is saved and the file checked again."))
        return redirect("staff:activity:import", pk=batch.pk)


class ImportRunView(ImportBatchView):
    """Imports the file: all of it, or with the choice made, its valid rows only."""

    http_method_names = ["post"]

    def post(self, request, pk):
        batch = self.batch(pk)
        form = ImportForm(request.POST)
        form.is_valid()
        try:
            batch = batch_import(
                batch=batch,
                by=request.user,
                valid_rows_only=form.cleaned_data.get("valid_rows_only", False),
                request=request,
            )
        except ImportRefused as refused:
            form.add_error(None, str(refused))
            return self.get(request, pk, import_form=form)
        messages.success(request, _imported_message(batch))
        return redirect("staff:activity:import", pk=batch.pk)


def _imported_message(batch) -> str:
    """What the import did, each count with its own singular or plural."""
    counts = [
        ngettext("%(n)s new record", "%(n)s new records", batch.new) % {"n": batch.new},
        ngettext("%(n)s record changed", "%(n)s records changed", batch.updated) % {"n": batch.updated},
        ngettext("%(n)s record unchanged", "%(n)s records unchanged", batch.unchanged) % {"n": batch.unchanged},
    ]
    return _("Imported: %(counts)s.") % {"counts": ", ".join(counts)}


class CoverageView(ImportAreaView):
    """Which rostered SROs or school months have no records, and which records lack demographics."""

    def get(self, request):
        agencies = import_agencies_for(request.user)
        form = CoverageForm(request.GET or None, agencies=agencies)
        year = school_year_of(timezone.localdate())
        if form.is_bound and form.is_valid():
            if form.cleaned_data.get("agency"):
                agencies = agencies.filter(pk=form.cleaned_data["agency"].pk)
            year = form.cleaned_data.get("year") or year
        coverage = coverage_for(agencies=agencies, school_year=year, today=timezone.localdate())
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_COVERAGE_VIEWED,
            obj=None,
            note=request.GET.urlencode()[:300],
            request=request,
        )
        context = {"form": form, "coverage": coverage, "year_label": school_year_label(year)}
        return render(request, "activity/staff/import_coverage.html", context)
