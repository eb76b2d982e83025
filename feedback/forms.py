"""Forms of the sessions: signing up, changing a sign-up, and the staff's session, roster and heard forms."""

import datetime as dt
import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.rules import session_facilitator_choices
from core.phone import PhoneField
from core.widgets import DateInput, DateTimeInput, TimeInput
from feedback.models import HeardItem, Registration, Session, Theme
from feedback.services.heard import themes_for

CONTACT_FIELDS = ("email", "phone", "language", "needs")


def _contact_required(form: forms.ModelForm) -> None:
    """An email address or a mobile number, unless one was typed and refused (its own error says why)."""
    data = form.cleaned_data
    refused = "email" in form.errors or "phone" in form.errors
    if not data.get("email") and not data.get("phone") and not refused:
        form.add_error("email", _("Give an email address or a mobile number so we can reach you."))


class RegistrationForm(forms.ModelForm):
    """Signing up (no account needed). Email or mobile number, one of them; a minor's
    guardian when the session needs consent."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)
    honeypot_name = "website"
    language = forms.ChoiceField(label=_("Language you prefer"), choices=settings.LANGUAGES)

    class Meta:
        model = Registration
        fields = ("name", "email", "phone", "school", "grade", "group", "language", "needs", "is_minor")
        fields += ("guardian_name", "guardian_email")
        labels = {"is_minor": _("I am under 18")}
        help_texts = {
            "group": _("For example the student council or a club, if you come with one."),
            "needs": _("Tell us what would help you take part: interpreting, access, seating, anything else."),
            "guardian_name": _("Needed when you are under 18 and the session asks for a guardian's consent."),
        }
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["school"].queryset = session.schools.all()
        self.fields["school"].required = False
        self.fields["website"].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if not session.consent_required:
            del self.fields["guardian_name"], self.fields["guardian_email"]

    def clean(self):
        data = super().clean()
        _contact_required(self)
        if self.session.consent_required and data.get("is_minor"):
            if not data.get("guardian_name"):
                self.add_error("guardian_name", _("Give your guardian's name: they need to agree."))
            if not data.get("guardian_email"):
                self.add_error("guardian_email", _("Give your guardian's email: we send them the consent link."))
            elif data["guardian_email"].lower() == (data.get("email") or "").lower():
                self.add_error(
                    "guardian_email",
                    _("Give your guardian's own email address, not yours: the consent link is for them."),
                )
        return data

    def registration_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class RegistrationChangeForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language you prefer"), choices=settings.LANGUAGES)

    class Meta:
        model = Registration
        fields = CONTACT_FIELDS
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"phone": PhoneField}

    def clean(self):
        data = super().clean()
        _contact_required(self)
        return data


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class SessionForm(forms.ModelForm):
    """A session as the coordinator writes it: a date and start and end times in the district's time zone."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Session
        fields = (
            "kind", "title_en", "title_es", "description_en", "description_es", "schools", "audience_en",
            "audience_es", "facilitators", "school_attendees_en", "school_attendees_es", "police_attendees_en",
            "police_attendees_es", "place_en", "place_es", "online_url", "capacity", "reserved_seats",
            "reserved_group_en", "reserved_group_es", "languages_en", "languages_es", "interpretation",
            "accessibility_note_en", "accessibility_note_es", "registration_opens_at", "registration_closes_at",
            "consent_required", "consent_hold_days",
        )  # fmt: skip
        widgets = {
            "schools": forms.CheckboxSelectMultiple,
            "facilitators": forms.CheckboxSelectMultiple,
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "accessibility_note_en": forms.Textarea(attrs={"rows": 2}),
            "accessibility_note_es": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["schools"].queryset = district.schools.all()
        self.fields["facilitators"].queryset = session_facilitator_choices(district)
        self.fields["facilitators"].label_from_instance = lambda user: user.get_full_name() or user.email
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
            start, end = self.instance.starts_at.astimezone(zone), self.instance.ends_at.astimezone(zone)
            self.initial.update(date=start.date(), start_time=start.time(), end_time=end.time())

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            if data["end_time"] <= data["start_time"]:
                self.add_error("end_time", _("The session must end after it starts."))
            else:
                self.instance.starts_at = _local(data["date"], data["start_time"])
                self.instance.ends_at = _local(data["date"], data["end_time"])
        if data.get("capacity") is not None and (data.get("reserved_seats") or 0) > data["capacity"]:
            self.add_error("reserved_seats", _("More seats are reserved than the session has."))
        if data.get("reserved_seats") and not data.get("reserved_group_en"):
            self.add_error("reserved_group_en", _("Name the group the seats are reserved for."))
        if not data.get("place_en") and not data.get("online_url"):
            self.add_error("place_en", _("Give a place or an online link."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return data

    def session_fields(self) -> dict:
        fields = {
            name: self.cleaned_data[name] for name in self._meta.fields if name not in ("schools", "facilitators")
        }
        fields.update(starts_at=self.instance.starts_at, ends_at=self.instance.ends_at)
        return fields


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    group = forms.CharField(label=_("Student group"), max_length=200, required=False)


class HeardItemForm(forms.ModelForm):
    class Meta:
        model = HeardItem
        fields = ("theme", "text", "is_quote", "names_removed")
        labels = {"is_quote": _("These are the exact words (a quote)")}
        help_texts = {
            "text": _("Short. A quote is kept word for word; changing it later makes it a paraphrase."),
            "names_removed": _("Required: no names or details that identify anyone are left in the text."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 600})}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for(district)
        self.fields["names_removed"].required = True


class HeardItemChangeForm(forms.ModelForm):
    class Meta:
        model = HeardItem
        fields = ("theme", "text")
        help_texts = {"text": _("Changing the words of a quote turns it into a paraphrase, shown without quote marks.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 600})}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for(district)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ("name_en", "name_es")
