"""Public intake: three short steps, a private draft link, and the receipt."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from complaints.forms import AboutForm, ContactForm, IncidentForm
from complaints.models import Complaint, Draft
from complaints.services.attachments import AttachmentStorageFailed
from complaints.services.intake import STEPS, complaint_submit, draft_for_token, draft_save
from complaints.views.common import PrivatePageMixin, over_limit, upload_too_large
from complaints.views.uploads import upload_failed_response
from core.crypto import decrypt

MAX_DRAFT_VALUE = 20000
MAX_DRAFT_VALUES = 20
STEP_TITLES = {
    "about": _("About you and the school"),
    "incident": _("What happened"),
    "contact": _("Contact and files"),
}


def _raw(form, data) -> dict[str, list[str]]:
    """What the person typed for this form's fields, kept as typed."""
    return {
        name: [value.replace("\x00", "")[:MAX_DRAFT_VALUE] for value in data.getlist(name)][:MAX_DRAFT_VALUES]
        for name in form.fields
        if name not in {"attachments", "website"}
    }


FORMS = {"about": AboutForm, "incident": IncidentForm, "contact": ContactForm}


def _step_kwargs(step: str, draft: Draft | None) -> dict | None:
    """Extra form arguments from earlier steps; None when those are not valid yet."""
    if step != "incident":
        return {}
    about = AboutForm(MultiValueDict(draft.data.get("about", {})))
    if not about.is_valid():
        return None
    data = about.cleaned_data
    return {"school_id": data["school"].pk, "day": data["occurred_on"], "kind": data["kind"]}


def build_form(step: str, draft: Draft | None, data=None, files=None, *, from_draft=False):
    """The form for ``step``: bound to ``data``, bound to the draft's saved
    answers (``from_draft``), or unbound showing them as initial values.
    None when an earlier step must be completed first."""
    kwargs = _step_kwargs(step, draft)
    if kwargs is None:
        return None
    saved = draft.data.get(step, {}) if draft else {}
    if from_draft:
        return FORMS[step](MultiValueDict(saved), **kwargs)
    if data is not None:
        return FORMS[step](data, files, **kwargs)
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
        if over_limit(request, "filing", settings.COMPLAINT_FILINGS_PER_HOUR):
            return self._render(build_form(self.step, self.draft, request.POST), limited=True, status=429)
        if self.step == "contact" and upload_too_large(request):
            return self._render(build_form(self.step, self.draft), too_large=True, status=413)
        form = build_form(self.step, self.draft, request.POST, request.FILES)
        if form is None:
            return redirect("complaints:draft_step", token=self.draft.token, step="about")
        raw = _raw(form, request.POST)
        if "save_later" in request.POST:
            draft = draft_save(draft=self.draft, step=self.step, raw=raw)
            return redirect("complaints:draft_saved", token=draft.token)
        if not form.is_valid():
            return self._render(form, status=200)
        draft = draft_save(draft=self.draft, step=self.step, raw=raw)
        if self.step != "contact":
            return redirect("complaints:draft_step", token=draft.token, step=STEPS[STEPS.index(self.step) + 1])
        return self._submit(draft, form)

    def _submit(self, draft: Draft, contact: ContactForm):
        if contact.cleaned_data.get("website"):
            return render(self.request, "complaints/thanks.html")
        about = build_form("about", draft, from_draft=True)
        incident = build_form("incident", draft, from_draft=True)
        for step, form in (("about", about), ("incident", incident)):
            if form is None or not form.is_valid():
                messages.error(self.request, _("Please check this step again."))
                return redirect("complaints:draft_step", token=draft.token, step=step)
        try:
            complaint_submit(
                draft=draft,
                about=about.cleaned_data,
                incident=incident.cleaned_data,
                contact=contact.cleaned_data,
                files=contact.cleaned_data.get("attachments") or [],
                user=self.request.user,
            )
        except AttachmentStorageFailed:
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
    """The receipt: the tracking code, and the PIN shown this one time."""

    def get(self, request, token):
        draft = draft_for_token(token)
        if draft is None or "complaint_id" not in draft.data:
            raise Http404
        complaint = Complaint.objects.select_related("school").get(pk=draft.data["complaint_id"])
        pin = decrypt(draft.data.get("pin", "")) if draft.data.get("pin") else None
        if pin:
            draft.data.pop("pin")
            draft.save(update_fields=["data", "updated_at"])
            request.session.setdefault("complaints_tracked", [])
            request.session["complaints_tracked"] = [*request.session["complaints_tracked"], complaint.pk]
        return render(request, "complaints/filed.html", {"complaint": complaint, "pin": pin})
