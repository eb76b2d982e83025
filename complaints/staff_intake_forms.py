"""The staff intake's forms: the public form's questions (its own form
classes), plus how and when the complaint was received."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import School
from complaints.forms import AboutForm, ContactForm
from complaints.models import ReceivedVia
from core.widgets import DateInput

STAFF_CHANNELS = [(value, label) for value, label in ReceivedVia.choices if value != ReceivedVia.ONLINE]


class StaffAboutForm(AboutForm):
    """The public form's first step, asked of the person on the phone (or
    read from their letter), with the channel and the day it arrived."""

    received_via = forms.ChoiceField(label=_("Received via"), choices=STAFF_CHANNELS, widget=forms.RadioSelect)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())

    field_order = ["received_via", "received_on", "kind", "filer_role", "filing_for_someone_else", "school"]

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filer_role"].label = _("Who is the complainant?")
        self.fields["filing_for_someone_else"].label = _("They are filing for someone else")
        self.fields["preferred_language"].label = _("Language for messages to the complainant")
        # The district comes along: recording the complaint (its receipt mail, the review's start) needs it.
        schools = School.objects.all() if schools is None else schools
        self.fields["school"].queryset = schools.select_related("district").order_by("name")

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return day


class StaffContactForm(ContactForm):
    """How the complainant may be reached; no files here (staff add files on
    the case page) and no honeypot (staff are signed in)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attachments"]
        del self.fields["website"]
        self.fields["contact_preference"].label = _("How may we contact the complainant?")
        self.fields["contact_name"].label = _("Complainant's name (optional)")
