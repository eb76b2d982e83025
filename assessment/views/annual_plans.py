"""Staff pages of the year's goals (coordinators) and the principals' work plans (school
administrators their school's, coordinators the district's). Every page and change is audited."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules.assessment import AnnualRule, annual_districts_for, work_plan_schools_for, work_plan_tasks_for
from assessment.models import Goal
from assessment.services.annual_plans import goal_save, work_plan_task_save
from assessment.views.annual_filters import GoalFilter, WorkPlanFilter
from assessment.views.annual_forms import GoalForm, WorkPlanTaskForm
from core.audit import AuditKind, audit_record
from core.schoolyear import school_year_of

PAGE_SIZE = 25


def _year(request) -> int:
    try:
        return int(request.GET.get("school_year") or school_year_of(timezone.localdate()))
    except ValueError:
        return school_year_of(timezone.localdate())


class GoalListView(View):
    """The goals of the coordinator's districts for one school year, and a form to add one."""

    def _render(self, request, form=None, status=200):
        districts = annual_districts_for(request.user, AnnualRule.MANAGE)
        if not districts.exists():
            raise Http404
        found = GoalFilter(request.GET or None, queryset=Goal.objects.filter(district__in=districts))
        goals = found.qs if found.is_bound and found.is_valid() else found.queryset
        page = Paginator(goals.select_related("district"), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=None, note="goals", request=request)
        context = {"filter": found, "page_obj": page, "goals": page, "form": form or GoalForm()}
        return render(request, "assessment/annual/goals.html", context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        district = annual_districts_for(request.user, AnnualRule.MANAGE).first()
        if district is None:
            raise Http404
        form = GoalForm(request.POST, instance=Goal(district=district, school_year=_year(request)))
        if form.is_valid():
            goal_save(goal=form.instance, user=request.user)
            messages.success(request, _("The goal is saved."))
            return redirect("staff:assessment:annual_goals")
        return self._render(request, form=form, status=400)


class GoalEditView(View):
    def _goal(self, request, pk):
        return get_object_or_404(Goal, pk=pk, district__in=annual_districts_for(request.user, AnnualRule.MANAGE))

    def get(self, request, pk, form=None, status=200):
        goal = self._goal(request, pk)
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=goal, request=request)
        context = {"goal": goal, "form": form or GoalForm(instance=goal)}
        return render(request, "assessment/annual/goal_form.html", context, status=status)

    def post(self, request, pk):
        goal = self._goal(request, pk)
        form = GoalForm(request.POST, instance=goal)
        if form.is_valid():
            goal_save(goal=form.instance, user=request.user)
            messages.success(request, _("The goal is saved."))
            return redirect("staff:assessment:annual_goals")
        return self.get(request, pk, form=form, status=400)


class WorkPlanListView(View):
    """Work plan tasks of the person's schools, filtered by school year and school, and a form to add one."""

    def _render(self, request, form=None, status=200):
        schools = work_plan_schools_for(request.user)
        if not schools.exists():
            raise Http404
        found = WorkPlanFilter(request.GET or None, queryset=work_plan_tasks_for(request.user), schools=schools)
        tasks = found.qs if found.is_bound and found.is_valid() else found.queryset
        page = Paginator(tasks.select_related("school"), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=None, note="work plans", request=request)
        context = {"filter": found, "page_obj": page, "tasks": page, "form": form or WorkPlanTaskForm(schools=schools)}
        return render(request, "assessment/annual/work_plans.html", context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        schools = work_plan_schools_for(request.user)
        if not schools.exists():
            raise Http404
        form = WorkPlanTaskForm(request.POST, schools=schools)
        form.instance.school_year = _year(request)
        if form.is_valid():
            work_plan_task_save(task=form.instance, user=request.user)
            messages.success(request, _("The work plan task is saved."))
            return redirect("staff:assessment:work_plans")
        return self._render(request, form=form, status=400)


class WorkPlanEditView(View):
    def _task(self, request, pk):
        return get_object_or_404(work_plan_tasks_for(request.user).select_related("school"), pk=pk)

    def get(self, request, pk, form=None, status=200):
        task = self._task(request, pk)
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=task, request=request)
        form = form or WorkPlanTaskForm(instance=task, schools=work_plan_schools_for(request.user))
        return render(request, "assessment/annual/work_plan_form.html", {"task": task, "form": form}, status=status)

    def post(self, request, pk):
        task = self._task(request, pk)
        form = WorkPlanTaskForm(request.POST, instance=task, schools=work_plan_schools_for(request.user))
        if form.is_valid():
            try:
                work_plan_task_save(task=form.instance, user=request.user)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, _("The work plan task is saved."))
            return redirect("staff:assessment:work_plans")
        return self.get(request, pk, form=form, status=400)
