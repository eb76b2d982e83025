"""The one view behind every human step of every flow (complaint review, monthly review, annual assessment).

A flow's node names a subclass (``flow.View(TriageView.as_view())``); the subject's page (a case, a monthly review, an
assessment) shows each open task's form, and the task URL hands a POST here. A valid form completes the task and
goes back to the subject's page with a message; errors re-render that page with the form and everything typed kept.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views import View


class TaskStepView(View):
    http_method_names = ["post"]
    done_message = ""

    @classmethod
    def form_for(cls, task, subject, data=None):
        """The step's form for ``task`` (bound to ``data`` when given)."""
        raise NotImplementedError

    def complete(self, *, task, user, form) -> None:
        raise NotImplementedError

    def subject_url(self, subject) -> str:
        """Where the subject's page is."""
        raise NotImplementedError

    def done_text(self, subject) -> str:
        return str(self.done_message)

    def post(self, request, *, subject, task, page_view):
        form = self.form_for(task, subject, request.POST)
        if form.is_valid():
            try:
                self.complete(task=task, user=request.user, form=form)
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, self.done_text(subject))
                return redirect(self.subject_url(subject))
        return page_view(request, subject.pk, forms_override={task.pk: form})
