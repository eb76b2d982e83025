"""Withdraw (the complainant, from the tracking page) and reopen (the coordinator, on the case page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from complaints.selectors import tracked_complaint
from core.views import PrivatePageMixin
from workflows.review import selectors
from workflows.review.casework_forms import ReopenForm, WithdrawForm
from workflows.review.views import CaseView, ReviewerView
from workflows.review.withdrawal import complaint_reopen, complaint_withdraw, may_reopen, may_withdraw


class WithdrawView(PrivatePageMixin, View):
    """The complainant withdraws their complaint, with a reason if they wish."""

    template_name = "workflows/review/withdraw.html"

    def get(self, request, code):
        complaint = tracked_complaint(request, code)
        return self._render(complaint, WithdrawForm())

    def post(self, request, code):
        complaint = tracked_complaint(request, code)
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                complaint_withdraw(complaint=complaint, reason=form.cleaned_data["reason"], request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your complaint is withdrawn."))
                return redirect("complaints:track_detail", code=complaint.tracking_code)
        return self._render(complaint, form)

    def _render(self, complaint, form):
        context = {"complaint": complaint, "form": form, "open": may_withdraw(complaint)}
        return render(self.request, self.template_name, context)


class ReopenView(ReviewerView):
    """The coordinator reopens a closed or withdrawn complaint with a reason."""

    def post(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        if not may_reopen(request.user, complaint):
            raise Http404
        form = ReopenForm(request.POST)
        if form.is_valid():
            try:
                complaint_reopen(
                    complaint=complaint, user=request.user, reason=form.cleaned_data["reason"], request=request
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The complaint is reopened at triage."))
                return redirect("staff:reviews:case", complaint_id=complaint.pk)
        return CaseView().get(request, complaint.pk, reopen_form=form)
