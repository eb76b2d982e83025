"""The intake steps, tracking and reply forms. Each intake step validates on
its own, against the values the earlier steps' forms accepted (kept in the
draft, see step_values); the submission uses those values."""

import datetime
import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Officer, RosterAssignment, School
from complaints.models import LANGUAGE_CHOICES, AllegationCategory, ContactPreference, FilerRole, Kind
from complaints.services.attachments import attachments_prepare
from core.phone import PhoneField
from core.widgets import DateInput, TimeInput

UNKNOWN_OFFICER = "unknown"
# Values a draft keeps as ISO text and gives back as dates and times (step_values / step_cleaned).
_ISO_VALUES = {"occurred_on": datetime.date.fromisoformat, "occurred_at_time": datetime.time.fromisoformat}


def step_values(cleaned: dict) -> dict:
    """What a draft keeps of a step its form accepted (JSON): records by primary key, dates and times in ISO."""
    return {
        name: value.pk if hasattr(value, "pk") else value.isoformat() if name in _ISO_VALUES and value else value
        for name, value in cleaned.items()
    }


def step_cleaned(values: dict) -> dict:
    """A kept step's values as its form's cleaned_data held them (a record stays its primary key)."""
    return {
        name: _ISO_VALUES[name](value) if name in _ISO_VALUES and value else value for name, value in values.items()
    }


class AboutForm(forms.Form):
    kind = forms.ChoiceField(label=_("What would you like to send?"), choices=Kind.choices, widget=forms.RadioSelect)
    filer_role = forms.ChoiceField(label=_("Who are you?"), choices=FilerRole.choices, widget=forms.RadioSelect)
    filing_for_someone_else = forms.BooleanField(label=_("I am filing for someone else"), required=False)
    # Only checked here: the filing reads the school again with its district (complaints.views.intake).
    school = forms.ModelChoiceField(label=_("Which school?"), queryset=School.objects.order_by("name"))
    occurred_on = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("An approximate date is fine."),
        widget=DateInput(),
    )
    preferred_language = forms.ChoiceField(label=_("Language for messages to you"), choices=LANGUAGE_CHOICES)

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return day


def _roster(school_id, day):
    """The assignments of ``school_id``'s roster, those in force on ``day`` when it is given."""
    roster = RosterAssignment.objects.filter(school_id=school_id)
    return roster.on(day) if day else roster


class OfficerField(forms.ChoiceField):
    """An officer on the roster of ``school_id`` on ``day``, or "I don't know". The roster is read only to show the
    choices: an answer is checked alone, "I don't know" with no query and an officer with one look-up."""

    school_id = day = None

    def valid_value(self, value) -> bool:
        if value == UNKNOWN_OFFICER:
            return True
        # Beyond any primary key (SQLite cannot even be asked about such a number).
        if not (value.isdigit() and int(value) < 2**63):
            return False
        return _roster(self.school_id, self.day).filter(officer_id=int(value)).exists()


def _officer_choices(school_id, day) -> list[tuple[str, str]]:
    roster = _roster(school_id, day)
    officers = Officer.objects.filter(pk__in=roster.values("officer_id")).order_by("full_name")
    return [(UNKNOWN_OFFICER, gettext("I don't know"))] + [(str(o.pk), str(o)) for o in officers]


class IncidentForm(forms.Form):
    officer = OfficerField(label=_("Which officer was involved?"))
    allegations = forms.MultipleChoiceField(
        label=_("What kind of concern is it? Choose all that apply."),
        choices=AllegationCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    occurred_at_time = forms.TimeField(label=_("About what time?"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Where did it happen?"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_("Tell us in your own words. You can add more later from the tracking page."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    witnesses = forms.CharField(
        label=_("Who saw it? (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    desired_outcome = forms.CharField(
        label=_("What would you like to happen? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, school_id=None, day=None, kind=Kind.COMPLAINT, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        officer = self.fields["officer"]
        officer.school_id, officer.day = school_id, day
        officer.choices = functools.partial(_officer_choices, school_id, day)  # read when shown
        if kind == Kind.COMPLAINT:
            self.fields["allegations"].required = True

    def clean_officer(self):
        value = self.cleaned_data["officer"]
        return None if value == UNKNOWN_OFFICER else int(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _upload_help_text() -> str:
    return gettext(
        "Up to %(count)d files, each up to %(size)d MB: JPEG, PNG, WebP, PDF, MP4, WebM, MOV, MP3, M4A, OGG, WAV. "
        "Location, device and author details are removed from every file before anyone can open it."
    ) % {
        "count": settings.COMPLAINT_ATTACHMENT_MAX_COUNT,
        "size": settings.COMPLAINT_ATTACHMENT_MAX_BYTES // (1024 * 1024),
    }


# Evaluated when shown, so the help follows the visitor's language.
upload_help_text = lazy(_upload_help_text, str)()


class MultipleFileField(forms.FileField):
    """Several files at once, checked together (counts, bytes and photo pixels
    per upload and per complaint) and cleaned of their metadata. Set
    ``complaint`` when the files are added to an existing complaint, and
    ``from_complainant`` False for staff files (their own budget)."""

    complaint = None
    from_complainant = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            return []
        return attachments_prepare(uploads, complaint=self.complaint, from_complainant=self.from_complainant)


class ContactForm(forms.Form):
    contact_preference = forms.ChoiceField(
        label=_("How may we contact you?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "If you choose not to be contacted, we keep no name, email address, phone number, parent or guardian "
            "contact, or link to your account, even if you typed them. You can still follow your complaint with its "
            "tracking code and PIN."
        ),
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Email address"), required=False)
    contact_phone = PhoneField(label=_("Phone number"), required=False)
    involves_minor = forms.BooleanField(label=_("The person this happened to is under 18"), required=False)
    guardian_contact = forms.CharField(
        label=_("Parent or guardian to include (optional)"),
        help_text=_("Name and how to reach them, if you want them included."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(
        label=_("Photos, documents, video or audio (optional)"),
        required=False,
        help_text=upload_help_text,
    )
    # Honeypot: hidden from people (CSS + aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    honeypot_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    def clean(self):
        data = super().clean()
        preference = data.get("contact_preference")
        # A value refused by its field already has its reason next to it: no second message.
        if (
            preference == ContactPreference.EMAIL
            and not data.get("contact_email")
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_email", _("Give an email address, or choose another way to be contacted."))
        if (
            preference == ContactPreference.PHONE
            and not data.get("contact_phone")
            and "contact_phone" not in self.errors
        ):
            self.add_error("contact_phone", _("Give a phone number, or choose another way to be contacted."))
        return data


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=20, help_text=_("It looks like CG-7KQ4-M2XD."))
    pin = forms.CharField(
        label=_("PIN"), max_length=12, widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Add information or reply"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    attachments = MultipleFileField(label=_("Add files (optional)"), required=False, help_text=upload_help_text)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The complaint's existing files count against its limits.
        self.fields["attachments"].complaint = complaint

    def clean(self):
        data = super().clean()
        if not data.get("body") and not data.get("attachments") and not self.errors:
            raise ValidationError(_("Write a message or choose a file to add."))
        return data
