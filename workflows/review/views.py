"""Staff pages of the review workflow: case page and task actions (the queue is in queue_views)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from accounts.backends import TASK_RULES
from accounts.models import User
from accounts.rules import may_review
from core.audit import AuditAction, audit_record
from notifications.selectors import address_problem
from workflows.letters import outcome_letter_draft
from workflows.models import CannedResponse
from workflows.review import selectors, services
from workflows.review.forms import (
    AppealDecisionForm,
    FindingsForm,
    NoteForm,
    OutcomeForm,
    RecusalForm,
    RecusalLiftForm,
    TriageForm,
)


class ReviewerView(View):
    """Only people who review complaints reach these pages; for anyone else
    they do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _task_form(task, complaint, data=None):
    name = task.flow_task.name
    if name == "triage":
        return TriageForm(data, attachments=complaint.attachments.order_by("created_at"))
    if name in {"school_review", "police_review"}:
        return FindingsForm(data, allegations=complaint.allegations.all())
    if name == "outcome":
        return OutcomeForm(data, initial={"letter": outcome_letter_draft(complaint)})
    if name == "appeal_review":
        return AppealDecisionForm(data)
    return None


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

    def get(self, request, complaint_id, forms_override=None, note_form=None, recusal_form=None, lift_forms=None):
        complaint = selectors.case_for(request.user, complaint_id)
        access = selectors.CaseAccess(request.user, complaint)
        audit_record(actor=request.user, action=AuditAction.VIEWED, obj=complaint, request=request)
        tasks = []
        for task in selectors.open_tasks(complaint):
            can_act = TASK_RULES.get(task.owner_permission) in access.rules
            form = (forms_override or {}).get(task.pk) or (_task_form(task, complaint) if can_act else None)
            tasks.append({"task": task, "can_act": can_act, "form": form})
        context = {
            "complaint": complaint,
            "access": access,
            "police_view": access.police_only,
            "tasks": tasks,
            "allegations": complaint.allegations.prefetch_related("findings"),
            "finding_reviews": selectors.findings_visible(complaint, access),
            "messages_list": selectors.timeline_for(complaint, access),
            "attachments": selectors.attachments_for(complaint, access),
            "note_form": note_form
            or NoteForm(initial=_canned_initial(request, complaint), audiences=access.audiences()),
            "canned": CannedResponse.objects.filter(district_id=complaint.school.district_id),
            "is_coordinator": access.coordinates,
        }
        if access.coordinates:
            context |= {
                "history": selectors.case_history(complaint),
                "recusals": [
                    (r, (lift_forms or {}).get(r.pk) or RecusalLiftForm(prefix=f"lift{r.pk}"))
                    for r in complaint.recusals.select_related("user", "recorded_by").order_by("pk")
                ],
                "recusal_form": recusal_form or RecusalForm(people=selectors.recusable_people(complaint)),
                "mail_problem": address_problem(complaint.contact_email),
            }
        elif not access.police_only:
            context["mail_problem"] = address_problem(complaint.contact_email)
        return render(request, "workflows/review/case.html", context)


class TaskView(ReviewerView):
    """Claim, release, reassign or complete one task of a complaint."""

    def post(self, request, complaint_id, task_id, action):
        complaint = selectors.case_for(request.user, complaint_id)
        task = get_object_or_404(selectors.open_tasks(complaint), pk=task_id)
        try:
            if action == "claim":
                services.task_claim(task=task, user=request.user)
            elif action == "release":
                services.task_release(task=task, user=request.user)
            elif action == "reassign":
                to_user = get_object_or_404(User, pk=request.POST.get("user") or 0)
                services.task_reassign(task=task, user=request.user, to_user=to_user)
            elif action == "complete":
                return self._complete(request, complaint, task)
            else:
                raise Http404
        except PermissionDenied:
            raise Http404 from None
        return redirect("staff:reviews:case", complaint_id=complaint.pk)

    def _complete(self, request, complaint, task):
        form = _task_form(task, complaint, request.POST)
        if form is None or not form.is_valid():
            return (
                CaseView().get(request, complaint.pk, forms_override={task.pk: form})
                if form
                else redirect("staff:reviews:case", complaint_id=complaint.pk)
            )
        name, data = task.flow_task.name, form.cleaned_data
        try:
            if name == "triage":
                services.triage_complete(
                    task=task,
                    user=request.user,
                    route=data["route"],
                    emergency=data["emergency"],
                    explanation=data["explanation"],
                    shared_files=list(data.get("shared_files") or []),
                )
            elif name in {"school_review", "police_review"}:
                services.review_complete(
                    task=task, user=request.user, review=name.split("_")[0], findings=form.findings()
                )
            elif name == "outcome":
                services.outcome_complete(task=task, user=request.user, letter=data["letter"])
            elif name == "appeal_review":
                services.appeal_decide(task=task, user=request.user, decision=data["decision"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, exc)
            return CaseView().get(request, complaint.pk, forms_override={task.pk: form})
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
        audit_record(actor=request.user, action=AuditAction.VIEWED, obj=attachment, request=request)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
