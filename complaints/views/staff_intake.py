"""Staff intake: a coordinator or school administrator records a complaint
received by phone, in person, by letter or forwarded email, in two steps (the
officer list needs the school and day first), then reads out or prints the
receipt. The drafts and the filing are the public intake's."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.views import View

from accounts.rules import intake_schools, may_record_intake
from complaints.forms import IncidentForm
from complaints.models import Complaint, Draft
from complaints.services.intake import draft_for_token, draft_receipt_pin, draft_receipt_pin_forget, draft_save
from complaints.services.staff_intake import staff_complaint_record
from complaints.staff_intake_forms import StaffAboutForm, StaffContactForm
from complaints.views.intake import posted_values
from core.views import PrivatePageMixin


class StaffIntakeMixin(PrivatePageMixin):
    """Only coordinators and school administrators record complaints; for
    anyone else these pages do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if not may_record_intake(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def about_form(self, data=None):
        return StaffAboutForm(data, schools=intake_schools(self.request.user))

    def saved_about(self, draft: Draft) -> dict:
        """The valid first step of ``draft`` for a school this person may record for; 404 otherwise."""
        about = self.about_form(MultiValueDict(draft.data.get("about", {})))
        if not about.is_valid():
            raise Http404
        return about.cleaned_data


class StaffIntakeStartView(StaffIntakeMixin, View):
    """Step 1: channel, day received, school, date, who is filing, language."""

    template_name = "complaints/staff_intake_step.html"

    def get(self, request):
        initial = {"received_on": timezone.localdate(), "preferred_language": (get_language() or "en")[:2]}
        form = self.about_form()
        form.initial = initial
        return render(request, self.template_name, {"forms": [form], "step_number": 1})

    def post(self, request):
        form = self.about_form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"forms": [form], "step_number": 1})
        draft = draft_save(draft=None, step="about", raw=posted_values(form, request.POST))
        return redirect("staff:reviews:intake_details", token=draft.token)


class StaffIntakeDetailsView(StaffIntakeMixin, View):
    """Step 2: what happened and how to reach the complainant; records the complaint."""

    template_name = "complaints/staff_intake_step.html"

    def dispatch(self, request, *args, token=None, **kwargs):
        # Already recorded (a double click, the Back button): its receipt, never a second complaint.
        self.draft = draft_for_token(token) if may_record_intake(request.user) else None  # read once per request
        if self.draft is not None and "complaint_id" in self.draft.data:
            return redirect("staff:reviews:intake_receipt", token=token)
        return super().dispatch(request, *args, token=token, **kwargs)

    def _draft(self) -> tuple[Draft, dict]:
        if self.draft is None:
            raise Http404
        return self.draft, self.saved_about(self.draft)

    def _forms(self, about: dict, data=None):
        incident = IncidentForm(data, school_id=about["school"].pk, day=about["occurred_on"], kind=about["kind"])
        return incident, StaffContactForm(data)

    def get(self, request, token):
        draft, about = self._draft()
        return self._render(draft, about, *self._forms(about))

    def post(self, request, token):
        draft, about = self._draft()
        incident, contact = self._forms(about, request.POST)
        if not (incident.is_valid() and contact.is_valid()):
            return self._render(draft, about, incident, contact)
        if not request.session.session_key:
            request.session.save()
        staff_complaint_record(
            actor=request.user,
            draft=draft,
            about=about,
            incident=incident.cleaned_data,
            contact=contact.cleaned_data,
            session_key=request.session.session_key,
            request=request,
        )
        return redirect("staff:reviews:intake_receipt", token=draft.token)

    def _render(self, draft, about, incident, contact):
        context = {"forms": [incident, contact], "step_number": 2, "draft": draft, "about": about}
        return render(self.request, self.template_name, context)


class StaffIntakeReceiptView(StaffIntakeMixin, View):
    """The code and PIN to read out, print or mail, shown to the person who
    recorded the complaint, in this browser, for a few minutes."""

    def _receipt(self, token) -> tuple[Draft, Complaint]:
        draft = draft_for_token(token)
        if draft is None or "complaint_id" not in draft.data:
            raise Http404
        complaint = Complaint.objects.select_related("school").filter(
            pk=draft.data["complaint_id"], recorded_by=self.request.user
        )
        if not complaint:
            raise Http404
        return draft, complaint[0]

    def get(self, request, token):
        draft, complaint = self._receipt(token)
        pin = draft_receipt_pin(draft=draft, session_key=request.session.session_key)
        context = {"complaint": complaint, "pin": pin, "pin_minutes": settings.COMPLAINT_RECEIPT_PIN_MINUTES}
        return render(request, "complaints/staff_intake_receipt.html", context)

    def post(self, request, token):
        draft, _complaint = self._receipt(token)
        if draft_receipt_pin(draft=draft, session_key=request.session.session_key):
            draft_receipt_pin_forget(draft=draft)
        return redirect("staff:reviews:intake_receipt", token=token)
