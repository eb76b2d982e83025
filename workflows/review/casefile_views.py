"""Staff pages of the case file: the printable PDF and the redacted export for a public records request."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from complaints.services import staff_attachments
from complaints.services.attachments import AttachmentLimitReached, AttachmentStorageFailed
from complaints.views.uploads import upload_failed_response
from core.audit import AuditKind, audit_record
from core.pdf import PdfUnavailable
from core.views import PrivatePageMixin
from workflows.review import casefile, redaction, selectors
from workflows.review.forms_casefile import RedactionForm, StaffAttachmentForm
from workflows.review.views import ReviewerView


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CaseFileView(PrivatePageMixin, ReviewerView):
    """The case file as a PDF, holding only what the reader's part in the review may see (audited)."""

    def get(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        try:
            pdf = casefile.casefile_print(complaint=complaint, user=request.user, request=request)
        except PdfUnavailable:
            return render(request, "workflows/casefile/pdf_unavailable.html", {"complaint": complaint}, status=503)
        return _pdf_response(pdf, f"case-file-{complaint.tracking_code}.pdf")


class RedactionView(PrivatePageMixin, ReviewerView):
    """The coordinator reviews the proposed redactions on screen, adds terms, and downloads the redacted export."""

    def _complaint(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        if not selectors.CaseAccess(request.user, complaint).coordinates:
            raise Http404
        return complaint

    def get(self, request, complaint_id):
        complaint = self._complaint(request, complaint_id)
        audit_record(actor=request.user, kind=AuditKind.CASE_VIEWED, obj=complaint, request=request, note="redaction")
        return self._page(request, complaint, RedactionForm())

    def post(self, request, complaint_id):
        complaint = self._complaint(request, complaint_id)
        form = RedactionForm(request.POST)
        if not form.is_valid() or "download" not in request.POST:
            return self._page(request, complaint, form)
        try:
            pdf = redaction.redacted_export(
                complaint=complaint, user=request.user, extra=form.cleaned_data["extra"], request=request
            )
        except PdfUnavailable:
            return render(request, "workflows/casefile/pdf_unavailable.html", {"complaint": complaint}, status=503)
        return _pdf_response(pdf, f"records-request-{complaint.tracking_code}.pdf")

    def _page(self, request, complaint, form):
        extra = form.cleaned_data.get("extra", []) if form.is_bound and form.is_valid() else []
        plan = redaction.redactions_propose(complaint=complaint, extra=extra)
        context = {
            "complaint": complaint,
            "form": form,
            "plan": plan,
            "preview": redaction.redacted_document(complaint, plan),
        }
        return render(request, "workflows/casefile/redaction.html", context)


class StaffFilesView(PrivatePageMixin, ReviewerView):
    """Staff files of a complaint the person may open, and the form to add some for one audience."""

    def get(self, request, complaint_id, form=None):
        complaint = selectors.case_for(request.user, complaint_id)
        access = selectors.CaseAccess(request.user, complaint)
        files = (
            selectors.attachments_for(complaint, access).filter(from_complainant=False).select_related("uploaded_by")
        )
        form = form or StaffAttachmentForm(complaint=complaint, audiences=access.audiences())
        return render(
            request, "workflows/casefile/staff_files.html", {"complaint": complaint, "files": files, "form": form}
        )

    def post(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        access = selectors.CaseAccess(request.user, complaint)
        form = StaffAttachmentForm(request.POST, request.FILES, complaint=complaint, audiences=access.audiences())
        if not form.is_valid():
            return self.get(request, complaint.pk, form=form)
        try:
            staff_attachments.staff_attachments_add(
                complaint=complaint,
                user=request.user,
                prepared=form.cleaned_data["files"],
                audience=form.cleaned_data["audience"],
                readable=access.audiences(),
                request=request,
            )
        except AttachmentLimitReached as exc:
            form.add_error("files", exc)
            return self.get(request, complaint.pk, form=form)
        except AttachmentStorageFailed:
            return upload_failed_response(request, retry_url=request.path)
        messages.success(request, _("The files were added."))
        return redirect("staff:reviews:staff_files", complaint_id=complaint.pk)
