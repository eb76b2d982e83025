"""Forms of the survey builder: settings, page introductions, the
coordinator's own questions and the item bank's filters."""

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import School
from core.widgets import DateInput
from surveys.models import (
    Domain,
    Item,
    Page,
    Question,
    QuestionChoice,
    QuestionKind,
    RespondentGroup,
    Survey,
    Topic,
)
from surveys.services.authoring import LOCKED_ONCE_OPEN, WORDING_FIELDS

CHOICE_CODE_MAX = QuestionChoice._meta.get_field("code").max_length
CHOICE_LABEL_MAX = QuestionChoice._meta.get_field("label_en").max_length


class SurveySettingsForm(forms.ModelForm):
    """A survey's settings. On a published survey the wording is shown
    read-only; once it has opened, the anonymity mode and opening date too."""

    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools it runs in"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.MultipleChoiceField(
        label=_("Respondent groups"),
        choices=RespondentGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Survey
        fields = [
            "purpose",
            "title_en",
            "title_es",
            "intro_en",
            "intro_es",
            "thanks_en",
            "thanks_es",
            "groups",
            "opens_on",
            "closes_on",
            "anonymity",
            "estimated_minutes",
        ]
        widgets = {
            "intro_en": forms.Textarea(attrs={"rows": 4}),
            "intro_es": forms.Textarea(attrs={"rows": 4}),
            "thanks_en": forms.Textarea(attrs={"rows": 3}),
            "thanks_es": forms.Textarea(attrs={"rows": 3}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "anonymity": forms.RadioSelect,
        }

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        survey = self.instance
        if survey.pk:
            del self.fields["district"]
            self.fields["schools"].queryset = School.objects.filter(district_id=survey.district_id)
            self.initial.setdefault("schools", list(survey.schools.all()))
        else:
            self.fields["district"].queryset = districts
            self.fields["schools"].queryset = School.objects.filter(district__in=districts).select_related("district")
            if len(districts) > 1:
                self.fields["schools"].label_from_instance = lambda s: f"{s.name} ({s.district.name})"
        locked = set(WORDING_FIELDS) if survey.is_frozen else set()
        if survey.pk and survey.has_opened:
            locked |= set(LOCKED_ONCE_OPEN)
        for name in locked & set(self.fields):
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Locked: %(why)s") % {
                "why": _("the survey has opened.") if name in LOCKED_ONCE_OPEN else _("the survey is published.")
            }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
        previous = self.instance.previous_version if self.instance.pk else None
        if previous and opens and previous.opens_on and opens <= previous.opens_on and "opens_on" not in self.errors:
            self.add_error("opens_on", _("This version must open after the previous version opened."))
        district = data.get("district") or getattr(self.instance, "district", None)
        if district and any(s.district_id != district.pk for s in data.get("schools", [])):
            self.add_error("schools", _("Choose only schools of the survey's district."))
        return data

    def settings_data(self) -> dict:
        """The cleaned values the authoring services take (locked ones left out)."""
        return {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}


class PageIntroForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["intro_en", "intro_es"]
        widgets = {"intro_en": forms.Textarea(attrs={"rows": 3}), "intro_es": forms.Textarea(attrs={"rows": 3})}


def parse_choices(text: str) -> list[dict]:
    """``{"code", "en", "es"}`` per non-empty line "code | English | Spanish";
    raises ValidationError naming the first bad line."""
    choices, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise forms.ValidationError(
                _("Line %(n)s: write “code | English | Spanish”."), code="format", params={"n": number}
            )
        try:
            validate_slug(parts[0])
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Line %(n)s: a code uses only letters, numbers, hyphens and underscores."),
                code="code",
                params={"n": number},
            ) from None
        if len(parts[0]) > CHOICE_CODE_MAX or any(len(part) > CHOICE_LABEL_MAX for part in parts[1:]):
            raise forms.ValidationError(
                _("Line %(n)s: a code has at most %(code)s characters and a label at most %(label)s."),
                code="long",
                params={"n": number, "code": CHOICE_CODE_MAX, "label": CHOICE_LABEL_MAX},
            )
        if parts[0] in seen:
            raise forms.ValidationError(_("Line %(n)s: the code is used twice."), code="twice", params={"n": number})
        seen.add(parts[0])
        choice = {"code": parts[0], "en": parts[1], "es": parts[2] if len(parts) == 3 else ""}
        if parts[0] == "prefer_not":
            choice["prefer_not"] = True
        choices.append(choice)
    return choices


def choices_text(question: Question) -> str:
    return "\n".join(f"{c.code} | {c.label_en} | {c.label_es}" for c in question.choices.all())


class QuestionForm(forms.ModelForm):
    """A question the coordinator writes or edits. Choices are typed one per
    line, so the form works without JavaScript."""

    page = forms.ModelChoiceField(label=_("Page"), queryset=Page.objects.none(), empty_label=None)
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Single and multiple choice only: one choice per line, “code | English | Spanish”, e.g. "
            "“yes | Yes | Sí”. Use the code prefer_not for “Prefer not to say”. Agreement scales use the fixed scale."
        ),
    )
    save_to_bank = forms.BooleanField(label=_("Also save to the district's item bank"), required=False)

    class Meta:
        model = Question
        fields = [
            "code",
            "kind",
            "text_en",
            "text_es",
            "help_en",
            "help_es",
            "required",
            "domain",
            "topic",
            "demographic",
            "reverse_scored",
            "min_value",
            "max_value",
        ]
        widgets = {"text_en": forms.Textarea(attrs={"rows": 2}), "text_es": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "code": {
                "invalid": _(
                    "A code uses only letters without accents, numbers, hyphens and underscores, with no spaces: "
                    "for example SRO-SAFE-1."
                )
            }
        }

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["page"].queryset = survey.pages.order_by("position")
        self.fields["page"].label_from_instance = lambda p: _("Page %(n)s") % {"n": p.position}
        if self.instance.pk:
            del self.fields["save_to_bank"], self.fields["page"]
            self.initial["choices_text"] = choices_text(self.instance)

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = self.survey.questions.filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This code is already used in this survey."), code="taken")
        return code

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        try:
            data["choices"] = parse_choices(data.get("choices_text", ""))
        except forms.ValidationError as error:
            self.add_error("choices_text", error)
            return data
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(data["choices"]) < 2:
            self.add_error("choices_text", _("Give at least two choices."))
        if kind != QuestionKind.NUMBER:
            # Limits only mean something for numbers; never keep stale ones.
            data["min_value"] = data["max_value"] = None
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The largest number cannot be smaller than the smallest."))
        in_bank = Item.objects.filter(district_id=self.survey.district_id, code=data.get("code"))
        if data.get("save_to_bank") and in_bank.exists():
            self.add_error("save_to_bank", _("The district's bank already has an item with this code."))
        return data

    def question_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class BankFilter(django_filters.FilterSet):
    """The item bank's filters in the builder."""

    words = django_filters.CharFilter(label=_("Words or code"), method="_words")
    domain = django_filters.ChoiceFilter(label=_("Domain"), choices=Domain.choices, empty_label=_("All domains"))
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices, empty_label=_("All topics"))
    kind = django_filters.ChoiceFilter(
        label=_("Question type"), choices=QuestionKind.choices, empty_label=_("All types")
    )

    class Meta:
        model = Item
        fields = ["words", "domain", "topic", "kind"]

    def _words(self, queryset, name, value):
        for word in value.split()[:6]:
            matches = Q(text_en__icontains=word) | Q(text_es__icontains=word) | Q(code__icontains=word)
            queryset = queryset.filter(matches)
        return queryset
