"""The coordinator's school calendar: closures and deadline numbers of their districts."""

import copy

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts import rules
from workflows import selectors, services
from workflows.calendar import deadline_policy_for
from workflows.forms import ClosureForm, DeadlinePolicyForm
from workflows.views.mixins import CoordinatorRequiredMixin

DEADLINE_FIELDS = DeadlinePolicyForm.Meta.fields


def _calendar_url(district) -> str:
    return reverse("staff:calendar:district", args=[district.pk])


class CalendarIndexView(CoordinatorRequiredMixin, TemplateView):
    """Straight to the calendar when the coordinator has one district; a choice otherwise."""

    template_name = "workflows/calendar/district_choice.html"

    def get(self, request, *args, **kwargs):
        districts = list(rules.coordinated_districts(request.user))
        if len(districts) == 1:
            return redirect(_calendar_url(districts[0]))
        return self.render_to_response(self.get_context_data(districts=districts))


class DistrictCalendarView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/calendar/closure_list.html"

    def load_objects(self):
        self.district = rules.get_district_for_coordinator(self.request.user, self.kwargs["district"])

    def get_context_data(self, **kwargs):
        policy = deadline_policy_for(self.district)
        deadlines = [(policy._meta.get_field(name).verbose_name, getattr(policy, name)) for name in DEADLINE_FIELDS]
        kwargs.update(district=self.district, closures=selectors.closures_for(self.district), deadlines=deadlines)
        return super().get_context_data(**kwargs)


class ClosureCreateView(CoordinatorRequiredMixin, FormView):
    template_name = "workflows/calendar/closure_form.html"
    form_class = ClosureForm

    def load_objects(self):
        self.district = rules.get_district_for_coordinator(self.request.user, self.kwargs["district"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, closure=None, **kwargs)

    def form_valid(self, form):
        closure = services.closure_create(
            actor=self.request.user, district=self.district, data=form.cleaned_data, request=self.request
        )
        messages.success(self.request, _("Added “%(name)s” to the calendar.") % {"name": closure.name})
        return redirect(_calendar_url(self.district))


class ClosureUpdateView(CoordinatorRequiredMixin, FormView):
    template_name = "workflows/calendar/closure_form.html"
    form_class = ClosureForm

    def load_objects(self):
        self.closure = selectors.get_closure_for_coordinator(self.request.user, self.kwargs["pk"])

    def get_form_kwargs(self):
        # A copy, so a rejected form never alters the object shown elsewhere on the page.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.closure)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.closure.district, closure=self.closure, **kwargs)

    def form_valid(self, form):
        services.closure_update(
            actor=self.request.user, closure=self.closure, data=form.cleaned_data, request=self.request
        )
        messages.success(self.request, _("Saved “%(name)s”.") % {"name": self.closure.name})
        return redirect(_calendar_url(self.closure.district))


class ClosureDeleteView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workflows/calendar/closure_confirm_delete.html"

    def load_objects(self):
        self.closure = selectors.get_closure_for_coordinator(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(closure=self.closure, district=self.closure.district, **kwargs)

    def post(self, request, *args, **kwargs):
        district, name = self.closure.district, self.closure.name
        services.closure_delete(actor=request.user, closure=self.closure, request=request)
        messages.success(request, _("Removed “%(name)s” from the calendar.") % {"name": name})
        return redirect(_calendar_url(district))


class DeadlinePolicyView(CoordinatorRequiredMixin, FormView):
    template_name = "workflows/calendar/deadline_form.html"
    form_class = DeadlinePolicyForm

    def load_objects(self):
        self.district = rules.get_district_for_coordinator(self.request.user, self.kwargs["district"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": deadline_policy_for(self.district)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **kwargs)

    def form_valid(self, form):
        services.deadline_policy_update(
            actor=self.request.user, district=self.district, data=form.cleaned_data, request=self.request
        )
        messages.success(self.request, _("Saved the deadlines for %(district)s.") % {"district": self.district})
        return redirect(_calendar_url(self.district))
