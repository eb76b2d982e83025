"""Public intake: three short steps, a private draft link, and the receipt."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import School
from complaints.forms import AboutForm, ContactForm, IncidentForm, step_cleaned, step_values
from complaints.models import Complaint, Draft
from complaints.services.attachments import AttachmentStorageFailed
from complaints.services.intake import (
    STEPS,
    complaint_submit,
    draft_checked,
    draft_for_token,
    draft_receipt_pin,
    draft_receipt_pin_forget,
    draft_save,
)
from complaints.tracking_session import tracking_session_open
from complaints.views.common import upload_too_large
from complaints.views.uploads import upload_failed_response
from core.ratelimit import client_over_limit
from core.views import PrivatePageMixin

MAX_DRAFT_VALUE = 20000
MAX_DRAFT_VALUES = 20
STEP_TITLES = {  # lazy: translated for each request, not once at import
    "about": gettext_lazy("About you and the school"),
    "incident": gettext_lazy("What happened"),
    "contact": gettext_lazy("Contact and files"),
}


def posted_values(form, data) -> dict[str, list[str]]:
    """What the person typed for this form's fields, kept as typed."""
    return {
        name: [value.replace("\x00", "")[:MAX_DRAFT_VALUE] for value in data.getlist(name)][:MAX_DRAFT_VALUES]
        for name in form.fields
        if name not in {"attachments", "website"}
    }


FORMS = {"about": AboutForm, "incident": IncidentForm, "contact": ContactForm}
KEPT_STEPS = ("about", "incident")  # the steps whose accepted values the draft keeps (files cannot wait in a draft)


def _step_kwargs(step: str, draft: Draft | None) -> dict | None:
    """Extra form arguments from earlier steps; None when those are not accepted yet. The incident step lists
    the officers on the first step's school roster on its day."""
    if step != "incident":
        return {}
    about = draft_checked(draft, "about")
    if about is None:
        return None
    about = step_cleaned(about)
    return {"school_id": about["school"], "day": about["occurred_on"], "kind": about["kind"]}


def _accepted(step: str, form) -> dict | None:
    """What the draft keeps of ``form`` beside the typed answers: its values when it accepts them."""
    return step_values(form.cleaned_data) if step in KEPT_STEPS and form.is_valid() else None


def build_form(step: str, draft: Draft | None, data=None, files=None):
    """The form for ``step``: bound to ``data``, or unbound showing the draft's
    saved answers as initial values. None when an earlier step must be completed first."""
    kwargs = _step_kwargs(step, draft)
    if kwargs is None:
        return None
    if data is not None:
        return FORMS[step](data, files, **kwargs)
    saved = draft.data.get(step, {}) if draft else {}
    form = FORMS[step](**kwargs)
    form.initial = {
        name: (values if isinstance(form.fields[name], forms.MultipleChoiceField) else values[0] if values else "")
        for name, values in saved.items()
        if name in form.fields
    }
    return form


class IntakeStepView(PrivatePageMixin, View):
    """One step of the form. GET shows it (with the draft's saved answers);
    POST saves it and moves on, or keeps everything typed and shows errors."""

    template_name = "complaints/file_step.html"

    def dispatch(self, request, *args, token=None, step="about", **kwargs):
        if step not in STEPS:
            raise Http404
        self.step = step
        self.draft = None
        if token is not None:
            self.draft = draft_for_token(token)
            if self.draft is None:
                raise Http404
            if "complaint_id" in self.draft.data:
                return redirect("complaints:filed", token=token)
        elif step != "about":
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def indexable(self) -> bool:
        return self.draft is None  # the blank first step: the public form

    def get(self, request):
        form = build_form(self.step, self.draft)
        if form is None:
            return redirect("complaints:draft_step", token=self.draft.token, step="about")
        if self.draft is None:
            form.initial = {"preferred_language": (get_language() or "en")[:2]}
        elif self.step == "contact" and not form.initial:
            form.initial = self._signed_in_contact()
        return self._render(form)

    def post(self, request):
        # A new draft counts against its own limit; a complaint counts once, when it is sent (see _submit).
        # A first step needs no session (the draft's link carries it on), so none is made for it.
        if self.draft is None and client_over_limit(request, "drafts", settings.COMPLAINT_DRAFTS_PER_HOUR):
            return self._render(build_form(self.step, self.draft, request.POST), limited=True, status=429)
        if self.step == "contact" and upload_too_large(request):
            return self._render(build_form(self.step, self.draft), too_large=True, status=413)
        form = build_form(self.step, self.draft, request.POST, request.FILES)
        if form is None:
            return redirect("complaints:draft_step", token=self.draft.token, step="about")
        raw = posted_values(form, request.POST)
        if "save_later" in request.POST:
            draft = draft_save(draft=self.draft, step=self.step, raw=raw, checked=_accepted(self.step, form))
            return redirect("complaints:draft_saved", token=draft.token)
        if not form.is_valid():
            return self._render(form, status=200)
        if self.step == "contact":
            return self._submit(self.draft, form, raw)
        draft = draft_save(draft=self.draft, step=self.step, raw=raw, checked=_accepted(self.step, form))
        return redirect("complaints:draft_step", token=draft.token, step=STEPS[STEPS.index(self.step) + 1])

    def _submit(self, draft: Draft, contact: ContactForm, raw: dict):
        """Sends the complaint; when it cannot go yet, the last step's answers
        are kept in the draft (the submission itself replaces them)."""
        if contact.cleaned_data.get("website"):
            return render(self.request, "complaints/thanks.html")
        about, incident = draft_checked(draft, "about"), draft_checked(draft, "incident")
        # The district comes along: the receipt mail and the review start both need it.
        school = about and School.objects.select_related("district").filter(pk=about["school"]).first()
        for step, accepted in (("about", school), ("incident", incident)):
            if not accepted:  # saved but never accepted (e.g. "Save and finish later"), or changed since
                draft_save(draft=draft, step="contact", raw=raw)
                messages.error(self.request, _("Please check this step again."))
                return redirect("complaints:draft_step", token=draft.token, step=step)
        if client_over_limit(self.request, "filing", settings.COMPLAINT_FILINGS_PER_HOUR, session=True):
            draft_save(draft=draft, step="contact", raw=raw)
            return self._render(contact, limited=True, status=429)
        try:
            complaint_submit(
                draft=draft,
                about={**step_cleaned(about), "school": school},
                incident=step_cleaned(incident),
                contact=contact.cleaned_data,
                files=contact.cleaned_data.get("attachments") or [],
                user=self.request.user,
                session_key=self.request.session.session_key,  # saved by client_over_limit
            )
        except AttachmentStorageFailed:
            draft_save(draft=draft, step="contact", raw=raw)
            retry_url = reverse("complaints:draft_step", args=[draft.token, "contact"])
            return upload_failed_response(self.request, retry_url=retry_url)
        return redirect("complaints:filed", token=draft.token)

    def _signed_in_contact(self) -> dict:
        user = self.request.user
        if not user.is_authenticated:
            return {}
        return {"contact_preference": "email", "contact_email": user.email, "contact_name": user.full_name}

    def _render(self, form, limited=False, too_large=False, status=200):
        context = {
            "form": form,
            "step": self.step,
            "step_number": STEPS.index(self.step) + 1,
            "step_count": len(STEPS),
            "step_title": STEP_TITLES[self.step],
            "draft": self.draft,
            "limited": limited,
            "too_large": too_large,
        }
        return render(self.request, self.template_name, context, status=status)


class DraftSavedView(PrivatePageMixin, View):
    def get(self, request, token):
        draft = draft_for_token(token)
        if draft is None:
            raise Http404
        link = request.build_absolute_uri(reverse("complaints:draft_step", args=[draft.token, "about"]))
        return render(request, "complaints/draft_saved.html", {"draft": draft, "link": link})


class FiledView(PrivatePageMixin, View):
    """The receipt: the tracking code, and the PIN, shown again to the browser
    that filed for a few minutes or until "I have written it down"."""

    def _receipt(self, token):
        draft = draft_for_token(token)
        if draft is None or "complaint_id" not in draft.data:
            raise Http404
        return draft, Complaint.objects.select_related("school").get(pk=draft.data["complaint_id"])

    def get(self, request, token):
        draft, complaint = self._receipt(token)
        pin = draft_receipt_pin(draft=draft, session_key=request.session.session_key)
        if pin:
            tracking_session_open(request, complaint=complaint, rotate=False)
        context = {"complaint": complaint, "pin": pin, "pin_minutes": settings.COMPLAINT_RECEIPT_PIN_MINUTES}
        return render(request, "complaints/filed.html", context)

    def post(self, request, token):
        draft, _complaint = self._receipt(token)
        if draft_receipt_pin(draft=draft, session_key=request.session.session_key):
            draft_receipt_pin_forget(draft=draft)
        return redirect("complaints:filed", token=token)
