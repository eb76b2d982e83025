"""The coordinator's retention page: the district's periods, its legal holds, placing and lifting them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts import rules
from complaints.models import Complaint
from core.audit import AuditKind, audit_record
from workflows.retention import holds, schedule
from workflows.retention.forms import LegalHoldForm, LiftForm, RetentionForm
from workflows.retention.models import LegalHold
from workflows.views.mixins import CoordinatorRequiredMixin


def _district_url(district) -> str:
    return reverse("staff:retention:district", args=[district.pk])


class RetentionIndexView(CoordinatorRequiredMixin, TemplateView):
    """Straight to the district's page when the coordinator has one district; a choice otherwise."""

    template_name = "workflows/retention/district_choice.html"

    def get(self, request, *args, **kwargs):
        districts = list(rules.coordinated_districts(request.user))
        if len(districts) == 1:
            return redirect(_district_url(districts[0]))
        return self.render_to_response(self.get_context_data(districts=districts))


class RetentionDistrictView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/retention/district.html"

    def load_objects(self):
        self.district = rules.get_district_for_coordinator(self.request.user, self.kwargs["district"])

    def get(self, request, *args, **kwargs):
        return self._render(
            RetentionForm(months=schedule.retention_months(district=self.district)), LegalHoldForm(complaints=None)
        )

    def post(self, request, *args, **kwargs):
        if "tracking_code" in request.POST:
            return self._hold(request)
        form = RetentionForm(request.POST, months=schedule.retention_months(district=self.district))
        if not form.is_valid():
            return self._render(form, LegalHoldForm(complaints=None), status=400)
        schedule.retention_months_set(
            district=self.district, months=form.cleaned_data, by=request.user, request=request
        )
        messages.success(request, _("Saved the retention schedule of %(district)s.") % {"district": self.district})
        return redirect(_district_url(self.district))

    def _hold(self, request):
        complaints = Complaint.objects.filter(school__district=self.district)
        form = LegalHoldForm(request.POST, complaints=complaints)
        if not form.is_valid():
            months = schedule.retention_months(district=self.district)
            return self._render(RetentionForm(months=months), form, status=400)
        holds.legal_hold_place(
            complaint=form.complaint, reason=form.cleaned_data["reason"], by=request.user, request=request
        )
        messages.success(request, _("Complaint %(code)s is under a legal hold.") % {"code": form.complaint})
        return redirect(_district_url(self.district))

    def _render(self, form, hold_form, status=200):
        active = (
            LegalHold.objects.filter(complaint__school__district=self.district, lifted_at__isnull=True)
            .select_related("complaint", "placed_by")
            .order_by("-placed_at")
        )
        audit_record(actor=self.request.user, kind=AuditKind.RETENTION_VIEWED, obj=self.district, request=self.request)
        context = self.get_context_data(district=self.district, form=form, hold_form=hold_form, holds=active)
        return self.render_to_response(context, status=status)


class LegalHoldLiftView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/retention/lift.html"

    def load_objects(self):
        districts = rules.coordinated_districts(self.request.user)
        self.hold = get_object_or_404(
            LegalHold.objects.select_related("complaint__school__district"),
            pk=self.kwargs["pk"],
            lifted_at__isnull=True,
            complaint__school__district__in=districts,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(hold=self.hold, form=LiftForm()))

    def post(self, request, *args, **kwargs):
        form = LiftForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(hold=self.hold, form=form), status=400)
        holds.legal_hold_lift(hold=self.hold, reason=form.cleaned_data["reason"], by=request.user, request=request)
        messages.success(request, _("The legal hold on %(code)s is lifted.") % {"code": self.hold.complaint})
        return redirect(_district_url(self.hold.complaint.school.district))
