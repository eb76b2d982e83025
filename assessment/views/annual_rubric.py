"""Staff pages of the district's rubric: the criteria with their levels, and editing one (coordinators)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules.assessment import AnnualRule, annual_districts_for
from assessment.models import Criterion
from assessment.services.rubric import criterion_save
from assessment.views.annual_forms import CriterionForm
from core.audit import AuditKind, audit_record

PAGE_SIZE = 50


def _districts(request):
    districts = annual_districts_for(request.user, AnnualRule.MANAGE)
    if not districts.exists():
        raise Http404
    return districts


class RubricView(View):
    def get(self, request):
        criteria = Criterion.objects.filter(district__in=_districts(request)).prefetch_related("levels")
        page = Paginator(criteria.select_related("district"), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(actor=request.user, kind=AuditKind.ANNUAL_VIEWED, obj=None, note="rubric", request=request)
        return render(request, "assessment/annual/rubric.html", {"page_obj": page, "criteria": page})


class CriterionEditView(View):
    """Adds a criterion (no ``pk``) or changes one, with its four levels."""

    def _criterion(self, request, pk):
        districts = _districts(request)
        if pk is None:
            return Criterion(district=districts.first())
        return get_object_or_404(Criterion, pk=pk, district__in=districts)

    def get(self, request, pk=None, form=None, status=200):
        criterion = self._criterion(request, pk)
        note = "" if criterion.pk else "rubric: new criterion"
        audit_record(
            actor=request.user,
            kind=AuditKind.ANNUAL_VIEWED,
            obj=criterion if criterion.pk else None,
            note=note,
            request=request,
        )
        context = {"criterion": criterion, "form": form or CriterionForm(instance=criterion)}
        return render(request, "assessment/annual/criterion_form.html", context, status=status)

    def post(self, request, pk=None):
        criterion = self._criterion(request, pk)
        form = CriterionForm(request.POST, instance=criterion)
        if form.is_valid():
            criterion_save(criterion=form.instance, user=request.user, levels=form.levels())
            messages.success(request, _("The criterion is saved."))
            return redirect("staff:assessment:rubric")
        return self.get(request, pk, form=form, status=400)
