"""The SRO's quick log: one enforcement event or one outreach activity, from a phone."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activity.models import EnforcementEvent, EventType, Offence, OutreachActivity, OutreachKind
from activity.services.event_checks import CUSTODY_FIELDS, NOTICE_FIELDS, event_errors
from activity.services.locks import month_is_locked
from activity.services.officers import rostered_schools
from core.widgets import DateInput, DateTimeInput

DEMOGRAPHIC_FIELDS = (
    "student_age",
    "student_grade",
    "student_gender",
    "student_race",
    "student_disability",
    "student_english_learner",
)


class _OfficerRecordForm(forms.ModelForm):
    """Today and the officer's rostered school by default; no date in the future."""

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].widget = DateInput(attrs={"max": today.isoformat()})
        self.fields["date"].initial = today
        schools = rostered_schools(officer=officer, on=today)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None
        self.officer = officer

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def _post_clean(self):
        school, date = self.cleaned_data.get("school"), self.cleaned_data.get("date")
        if school and date and month_is_locked(school_id=school.pk, day=date):
            self.add_error(
                "date",
                _("This month's records at %(school)s were reviewed and locked; ask the coordinator to correct them.")
                % {"school": school},
            )
        super()._post_clean()


class EventForm(_OfficerRecordForm):
    class Meta:
        model = EnforcementEvent
        fields = (
            "date",
            "school",
            "type",
            "offence",
            "referred_for_charging",
            "school_officials_involved",
            "real_threat",
            "school_discipline",
            *CUSTODY_FIELDS,
            *DEMOGRAPHIC_FIELDS,
        )
        help_texts = {
            "school_discipline": _("Tick when the event enforced a school rule rather than the law."),
            "student_age": _("Leave empty when not known. Never write the student's name anywhere."),
        }

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, officer=officer, **kwargs)
        self.fields["offence"].queryset = Offence.objects.filter(district_id=officer.agency.district_id, active=True)
        self.fields["offence"].empty_label = _("No offence")
        self.fields["type"].choices = [("", _("Choose the type")), *EventType.choices]
        self.fields["student_age"].widget.attrs.update({"inputmode": "numeric", "min": 3, "max": 25})
        for name in NOTICE_FIELDS:
            self.fields[name].widget = DateTimeInput()
            self.fields[name].help_text = _("When they were told; leave empty if not yet.")

    def clean(self):
        data = super().clean()
        for name, message in event_errors(
            kind=data.get("type"), has_offence=bool(data.get("offence")), values=data
        ).items():
            self.add_error(name, message)
        for name in NOTICE_FIELDS:
            told, day = data.get(name), data.get("date")
            if told and day and timezone.localdate(told) < day:
                self.add_error(name, _("This is before the day of the event."))
            elif told and told > timezone.now():
                self.add_error(name, _("This cannot be in the future."))
        return data

    def custody_fields(self):
        return [self[name] for name in CUSTODY_FIELDS]

    def demographic_fields(self):
        return [self[name] for name in DEMOGRAPHIC_FIELDS]

    def main_fields(self):
        skip = set(CUSTODY_FIELDS) | set(DEMOGRAPHIC_FIELDS)
        return [field for field in self if field.name not in skip]


class OutreachForm(_OfficerRecordForm):
    class Meta:
        model = OutreachActivity
        fields = ("date", "school", "kind", "people_reached", "minutes")
        help_texts = {"people_reached": _("Leave empty when not known; write 0 only when nobody came.")}

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, officer=officer, **kwargs)
        self.fields["kind"].choices = [("", _("Choose the kind")), *OutreachKind.choices]
        self.fields["people_reached"].widget.attrs["inputmode"] = "numeric"
        self.fields["minutes"].widget.attrs["inputmode"] = "numeric"
