"""The complainant's appeal, sent from the tracking page while the window is open."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from complaints.selectors import complaint_appeal, tracked_complaint
from core.views import PrivatePageMixin
from workflows.review.forms import AppealForm
from workflows.review.services import appeal_file, open_task


class AppealView(PrivatePageMixin, View):
    template_name = "workflows/review/appeal.html"

    def get(self, request, code):
        complaint = tracked_complaint(request, code)
        return self._render(complaint, AppealForm())

    def post(self, request, code):
        complaint = tracked_complaint(request, code)
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeal_file(complaint=complaint, reason=form.cleaned_data["reason"])
                return redirect("complaints:track_detail", code=complaint.tracking_code)
            except ValidationError as exc:
                form.add_error(None, exc)
        return self._render(complaint, form)

    def _render(self, complaint, form):
        window_open = open_task(complaint, "appeal_window") is not None
        context = {"complaint": complaint, "form": form, "open": window_open, "appeal": complaint_appeal(complaint)}
        return render(self.request, self.template_name, context)
