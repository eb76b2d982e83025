"""Staff pages of the annual assessment: the list (and opening a year), one assessment, and the
POSTs of its steps. Every page and change is audited; an assessment out of scope answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules.assessment import (
    AnnualRule,
    annual_districts_for,
    annual_for,
    annual_rules_held,
    may_use_assessment,
    work_plan_schools_for,
)
from assessment.flows import step_title
from assessment.models import Stage
from assessment.services import annual as services
from assessment.services.annual_display import evidence_sections
from assessment.services.annual_open import annual_open
from assessment.services.annual_read import may_do, rubric_rows, visible_sides
from assessment.views.annual_forms import NoteForm, OpenYearForm, SignOffForm
from core.audit import AuditKind, audit_record

PAGE_SIZE = 20


def _assessment_for(user, pk: int, rule: str = AnnualRule.READ):
    found = annual_for(user, rule).select_related("district")
    return get_object_or_404(found, pk=pk)


class AnnualListView(View):
    """The assessments the person may read; coordinators open a year here."""

    def _render(self, request, form=None, status=200):
        districts = annual_districts_for(request.user, AnnualRule.MANAGE)
        readable = annual_for(request.user).select_related("district").order_by("-school_year", "district__name")
        if not may_use_assessment(request.user):
            raise Http404
        page = Paginator(readable, PAGE_SIZE).get_page(request.GET.get("page"))
        if form is None and districts.exists():
            form = OpenYearForm(districts=districts)
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=None, note="list", request=request)
        context = {
            "page_obj": page,
            "assessments": page,
            "form": form,
            "may_manage": districts.exists(),
            "may_plan": work_plan_schools_for(request.user).exists(),
        }
        return render(request, "assessment/annual/list.html", context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        districts = annual_districts_for(request.user, AnnualRule.MANAGE)
        if not districts.exists():
            raise Http404
        form = OpenYearForm(request.POST, districts=districts)
        if form.is_valid():
            try:
                assessment = annual_open(
                    district=form.cleaned_data["district"],
                    school_year=form.cleaned_data["school_year"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The assessment is open and its evidence pack compiled."))
                return redirect("staff:assessment:annual", pk=assessment.pk)
        return self._render(request, form=form)


def _step_view(task):
    return getattr(task.flow_task.view, "view_class", None)


class AnnualDetailView(View):
    """One assessment: its evidence pack, the rubric with the scores the reader may see, the advisory
    team's notes and sign-offs, the approvals, and a form for each step the reader does."""

    def get(self, request, pk, forms_override=None, note_form=None, sign_off_form=None):
        assessment = _assessment_for(request.user, pk)
        held = annual_rules_held(request.user, assessment)
        tasks = services.annual_open_tasks(assessment)
        forms_override = forms_override or {}
        steps = [
            {
                "task": task,
                "title": step_title(task.flow_task.name),
                "due": getattr(getattr(task, "annual_due", None), "due_at", None),
                "form": forms_override.get(task.pk) or _step_view(task).form_for(task, assessment)
                if may_do(task, held)
                else None,
                "template": _step_view(task).template_name,
            }
            for task in tasks
        ]
        advising = AnnualRule.ADVISE in held and assessment.stage == Stage.ADVISORY
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=assessment, request=request)
        context = {
            "assessment": assessment,
            "evidence": evidence_sections(assessment.evidence),
            "steps": steps,
            "rows": rubric_rows(assessment, held),
            "sides": visible_sides(assessment, held),
            "notes": assessment.advisory_notes.select_related("author"),
            "sign_offs": assessment.sign_offs.select_related("member"),
            "approvals": assessment.approvals.select_related("by"),
            "advising": advising,
            "note_form": note_form or (NoteForm() if advising else None),
            "sign_off_form": sign_off_form or (SignOffForm() if advising else None),
            "my_sign_off": assessment.sign_offs.filter(member=request.user).first(),
        }
        status = 400 if forms_override or note_form or sign_off_form else 200
        return render(request, "assessment/annual/detail.html", context, status=status)


class AnnualTaskView(View):
    """Hands a step's POST to the view its flow node names."""

    http_method_names = ["post"]

    def post(self, request, pk, task_pk):
        assessment = _assessment_for(request.user, pk)
        task = next((t for t in services.annual_open_tasks(assessment) if t.pk == task_pk), None)
        if task is None or not may_do(task, annual_rules_held(request.user, assessment)):
            raise Http404
        return task.flow_task.view(request, subject=assessment, task=task, page_view=AnnualDetailView().get)


class AnnualNoteView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        assessment = _assessment_for(request.user, pk, AnnualRule.ADVISE)
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.annual_note_add(assessment=assessment, user=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, _("Your note is added."))
            return redirect("staff:assessment:annual", pk=assessment.pk)
        return AnnualDetailView().get(request, assessment.pk, note_form=form)


class AnnualSignOffView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        assessment = _assessment_for(request.user, pk, AnnualRule.ADVISE)
        form = SignOffForm(request.POST)
        if form.is_valid():
            try:
                services.annual_sign_off(assessment=assessment, user=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, _("Your answer is recorded."))
            return redirect("staff:assessment:annual", pk=assessment.pk)
        return AnnualDetailView().get(request, assessment.pk, sign_off_form=form)
