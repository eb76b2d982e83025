"""The case page's casework part: related complaints (link, close as duplicate,
unlink) and reopening. Each change is a POST that redirects back to the case."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from complaints.models import ComplaintLink, LinkKind
from workflows.review import selectors
from workflows.review.casework_forms import LinkForm
from workflows.review.related import complaint_link, complaint_unlink
from workflows.review.views import CaseView, ReviewerView


class LinkView(ReviewerView):
    """The coordinator links this complaint to another one, or closes it as its duplicate."""

    def post(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        if not selectors.CaseAccess(request.user, complaint).coordinates:
            raise Http404
        form = LinkForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                complaint_link(
                    complaint=complaint,
                    other=form.other,
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if form.cleaned_data["kind"] == LinkKind.DUPLICATE:
                    messages.success(
                        request, _("The complaint is closed as a duplicate; its complainant was told why.")
                    )
                return redirect("staff:reviews:case", complaint_id=complaint.pk)
        return CaseView().get(request, complaint.pk, link_form=form)


def _add_errors(form, exc: ValidationError) -> None:
    """The service's errors next to the form's fields (or above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class UnlinkView(ReviewerView):
    def post(self, request, complaint_id, link_id):
        complaint = selectors.case_for(request.user, complaint_id)
        if not selectors.CaseAccess(request.user, complaint).coordinates:
            raise Http404
        link = get_object_or_404(ComplaintLink.objects.filter(Q(complaint=complaint) | Q(other=complaint)), pk=link_id)
        try:
            complaint_unlink(link=link, user=request.user, request=request)
        except PermissionDenied:
            raise Http404 from None
        return redirect("staff:reviews:case", complaint_id=complaint.pk)
