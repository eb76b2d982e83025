"""The SRO's quick log (phone-friendly, no JavaScript): one event or one outreach activity."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import logging_officer
from activity.forms import EventForm, OutreachForm
from activity.services.records import event_log, outreach_log


class _LogView(View):
    """Only an SRO with an officer record logs; anyone else gets 404."""

    form_class = None
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.officer = logging_officer(request.user)
        if self.officer is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, form=None):
        form = form or self.form_class(officer=self.officer)
        return render(request, self.template_name, {"form": form, "officer": self.officer})

    def post(self, request):
        form = self.form_class(request.POST, officer=self.officer)
        if not form.is_valid():
            return self.get(request, form=form)
        self.save(form)
        messages.success(request, self.saved_message)
        return redirect(reverse(request.resolver_match.view_name))


class EventLogView(_LogView):
    form_class = EventForm
    template_name = "activity/staff/event_form.html"
    saved_message = _("The event is saved. You can log the next one.")

    def save(self, form):
        event_log(officer=self.officer, fields=form.cleaned_data, by=self.request.user, request=self.request)


class OutreachLogView(_LogView):
    form_class = OutreachForm
    template_name = "activity/staff/outreach_form.html"
    saved_message = _("The activity is saved. You can log the next one.")

    def save(self, form):
        outreach_log(officer=self.officer, fields=form.cleaned_data, by=self.request.user, request=self.request)
