"""Staff pages of the review workflow: case page and task actions (the queue is in queue_views)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.backends import TASK_RULES
from accounts.models import User
from accounts.rules import may_review
from core.audit import AuditKind, audit_record
from notifications.selectors import address_problem_label
from workflows.models import CannedResponse
from workflows.review import selectors, services
from workflows.review.casework_page import casework_context
from workflows.review.forms import (
    NoteForm,
    RecusalForm,
    RecusalLiftForm,
)


class ReviewerView(View):
    """Only people who review complaints reach these pages; for anyone else
    they do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _step_view(task):
    """The view class the task's flow node names (see workflows/review/task_views.py)."""
    return getattr(task.flow_task.view, "view_class", None)


def _canned_initial(request, complaint) -> dict:
    """?canned=<id> starts the message from one of the district's canned responses."""
    pk = request.GET.get("canned", "")
    if not pk.isdigit():
        return {}
    canned = CannedResponse.objects.filter(pk=pk, district_id=complaint.school.district_id).first()
    return {"body": canned.body} if canned else {}


class CaseView(ReviewerView):
    """The complaint as the person's part in its review may see it (FERPA): its
    tasks and forms, the notes of their audiences, shared files and, for the
    coordinator, contact details, recusals and the audit history. Every view is audited."""

    def get(
        self,
        request,
        complaint_id,
        forms_override=None,
        note_form=None,
        recusal_form=None,
        lift_forms=None,
        **casework_forms,
    ):
        complaint = selectors.case_for(request.user, complaint_id)
        access = selectors.CaseAccess(request.user, complaint)
        audit_record(actor=request.user, kind=AuditKind.CASE_VIEWED, obj=complaint, request=request)
        tasks = []
        for task in selectors.open_tasks(complaint):
            can_act = TASK_RULES.get(task.owner_permission) in access.rules
            step = _step_view(task)
            form = (forms_override or {}).get(task.pk) or (step.form_for(task, complaint) if can_act and step else None)
            tasks.append({"task": task, "can_act": can_act, "form": form})
        appeals = selectors.appeals_for(complaint, access)
        context = {
            "complaint": complaint,
            "access": access,
            "tasks": tasks,
            "appeals": appeals,
            "allegations": complaint.allegations.prefetch_related("findings"),
            "finding_reviews": selectors.findings_visible(complaint, access),
            "messages_list": selectors.case_timeline(complaint, access, appeals),
            "attachments": selectors.attachments_for(complaint, access),
            "note_form": note_form
            or NoteForm(initial=_canned_initial(request, complaint), audiences=access.audiences()),
            "canned": CannedResponse.objects.filter(district_id=complaint.school.district_id),
        }
        context |= casework_context(request.user, complaint, access, **casework_forms)
        if not access.police_only:
            context["mail_problem"] = address_problem_label(complaint.contact_email)
        if access.coordinates:
            context |= {
                "history": selectors.case_history(complaint),
                "recusals": [
                    (r, (lift_forms or {}).get(r.pk) or RecusalLiftForm(prefix=f"lift{r.pk}"))
                    for r in complaint.recusals.select_related("user", "recorded_by").order_by("pk")
                ],
                "recusal_form": recusal_form or RecusalForm(people=selectors.recusable_people(complaint)),
            }
        return render(request, "workflows/review/case.html", context)


class TaskView(ReviewerView):
    """Claim, release or reassign one task of a complaint, or complete it
    through the view its flow node names."""

    ACTIONS = {
        "claim": (services.task_claim, _("You claimed this step of %(code)s.")),
        "release": (services.task_release, _("You released this step of %(code)s.")),
    }

    def post(self, request, complaint_id, task_id, action):
        complaint = selectors.case_for(request.user, complaint_id)
        task = get_object_or_404(selectors.open_tasks(complaint), pk=task_id)
        if action == "complete" and _step_view(task):
            return task.flow_task.view(request, subject=complaint, task=task, page_view=CaseView().get)
        try:
            if action == "reassign":
                to_user = get_object_or_404(User, pk=request.POST.get("user") or 0)
                services.task_reassign(task=task, user=request.user, to_user=to_user)
                messages.success(request, _("The step is reassigned to %(who)s.") % {"who": to_user})
            elif action in self.ACTIONS:
                service, done = self.ACTIONS[action]
                service(task=task, user=request.user)
                messages.success(request, done % {"code": complaint.tracking_code})
            else:
                raise Http404
        except PermissionDenied:
            raise Http404 from None
        return redirect("staff:reviews:case", complaint_id=complaint.pk)


class NoteView(ReviewerView):
    def post(self, request, complaint_id):
        complaint = selectors.case_for(request.user, complaint_id)
        access = selectors.CaseAccess(request.user, complaint)
        form = NoteForm(request.POST, audiences=access.audiences())
        if not form.is_valid():
            return CaseView().get(request, complaint.pk, note_form=form)
        services.note_add(
            complaint=complaint,
            user=request.user,
            body=form.cleaned_data["body"],
            audience=form.cleaned_data["audience"],
        )
        return redirect("staff:reviews:case", complaint_id=complaint.pk)


class RecusalView(ReviewerView):
    """The coordinator records a recusal, or lifts one, with a reason."""

    def post(self, request, complaint_id, recusal_id=None):
        complaint = selectors.case_for(request.user, complaint_id)
        if not selectors.CaseAccess(request.user, complaint).coordinates:
            raise Http404
        if recusal_id is not None:
            recusal = get_object_or_404(complaint.recusals, pk=recusal_id)
            lift = RecusalLiftForm(request.POST, prefix=f"lift{recusal.pk}")
            if not lift.is_valid():
                return CaseView().get(request, complaint.pk, lift_forms={recusal.pk: lift})
            services.recusal_lift(
                complaint=complaint, user=request.user, recusal=recusal, reason=lift.cleaned_data["reason"]
            )
            return redirect("staff:reviews:case", complaint_id=complaint.pk)
        form = RecusalForm(request.POST, people=selectors.recusable_people(complaint))
        if not form.is_valid():
            return CaseView().get(request, complaint.pk, recusal_form=form)
        services.recusal_add(
            complaint=complaint, user=request.user, person=form.cleaned_data["user"], reason=form.cleaned_data["reason"]
        )
        return redirect("staff:reviews:case", complaint_id=complaint.pk)


class StaffAttachmentView(ReviewerView):
    """A file of the complaint, if the person's part in the review may open it."""

    def get(self, request, complaint_id, attachment_id):
        complaint = selectors.case_for(request.user, complaint_id)
        files = selectors.attachments_for(complaint, selectors.CaseAccess(request.user, complaint))
        attachment = get_object_or_404(files, pk=attachment_id)
        audit_record(actor=request.user, kind=AuditKind.FILE_DOWNLOADED, obj=attachment, request=request)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
