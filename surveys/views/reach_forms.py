"""Forms of the reach pages (staff and the public opt-out)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGES, pick
from core.phone import email_or_phone_validate
from surveys.models import OptOut, RespondentGroup, Survey
from surveys.services.invitations import CSV_MAX_BYTES, invitation_csv_read
from surveys.services.reach import PRINT_MAX

# Each language in its own name, as a language switch shows them.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]


class SurveySchoolField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _school_field(survey: Survey, **kwargs) -> SurveySchoolField:
    return SurveySchoolField(label=_("School"), queryset=survey.schools.order_by("name"), **kwargs)


class InvitationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of people to invite"),
        help_text=_(
            "One person a line, with a first line naming the columns: email, school (its short name), group "
            "(student, guardian, staff or community) and language (en or es; empty means en)."
        ),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.upload = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB; split it."))
        self.upload = invitation_csv_read(survey=self.survey, raw=upload.read())
        if self.upload.errors:
            # Every bad row, next to the field; nothing is created from this file.
            raise forms.ValidationError(self.upload.errors)
        return upload


class CodesPrintForm(forms.Form):
    classroom = forms.CharField(
        label=_("Grade or classroom"),
        max_length=100,
        help_text=_("As parents wrote it on the opt-out form, e.g. “Room 12” or “Grade 9”."),
    )
    how_many = forms.IntegerField(
        label=_("How many students"),
        min_value=1,
        max_value=PRINT_MAX,
        help_text=_("Everyone in the class; students opted out by a parent are subtracted."),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields = {"school": _school_field(survey), **self.fields}

    def clean(self):
        if RespondentGroup.STUDENT not in self.survey.groups:
            raise forms.ValidationError(_("This survey is not for students, so it has no printed student codes."))
        return super().clean()


class ClassCodeForm(forms.Form):
    label = forms.CharField(label=_("Class"), max_length=100, help_text=_("For example “Room 12, period 3”."))

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"school": _school_field(survey), **self.fields}


class PaperMetaForm(forms.Form):
    """Where a paper form came from; its answers are a ``surveys.forms.PageForm``."""

    language = forms.ChoiceField(label=_("Language the form was filled in"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [(value, label) for value, label in RespondentGroup.choices if value in survey.groups]
        self.fields = {
            "school": _school_field(survey),
            "group": forms.ChoiceField(label=_("Respondent group"), choices=groups),
            **self.fields,
        }


class OptOutForm(forms.ModelForm):
    """The public opt-out form of one district."""

    # Honeypot: hidden from people (CSS), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    honeypot_name = "website"

    class Meta:
        model = OptOut
        fields = ["school", "survey", "student_name", "student_email", "classroom", "guardian_name", "guardian_contact"]
        help_texts = {
            "student_email": _("If your child has a school email address, so that no invitation is sent to it."),
            "classroom": _("So that your child's class gets no printed code for them."),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"] = SurveySchoolField(
            label=_("School"), queryset=district.schools.order_by("name"), empty_label=_("Choose the school")
        )
        published = (
            Survey.objects.filter(district=district, published_at__isnull=False)
            .exclude(closes_on__lt=timezone.localdate())
            .only("pk", "groups")
        )
        # In Python: SQLite has no JSON "contains"; a district has a handful of surveys.
        student_ids = [survey.pk for survey in published if RespondentGroup.STUDENT in survey.groups]
        self.fields["survey"].queryset = Survey.objects.filter(pk__in=student_ids).order_by("-opens_on", "-pk")
        self.fields["survey"].empty_label = _("Every student survey this school year")
        self.fields["survey"].label_from_instance = lambda survey: pick(survey, "title")
        self.fields["website"].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}
        self.fields["guardian_contact"].validators.append(email_or_phone_validate)  # the district must reach them


class OptOutFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("All schools"))

    class Meta:
        model = OptOut
        fields = ["school"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = survey.schools.order_by("name")
