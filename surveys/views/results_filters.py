"""The results pages' choices (django-filter FilterSets): one breakdown at a
time and, for subgroup and year breakdowns, the school it is about. There is
no way to combine filters, so no view can be subtracted from another."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import CommentStatus, Demographic, Question, QuestionKind, Survey
from surveys.services.results import SCHOOL, YEAR

BREAKDOWN_CHOICES = [
    (SCHOOL, _("Each school and the district")),
    (YEAR, _("This year and earlier years")),
    *[(d.value, d.label) for d in Demographic if d.value],
]


class ResultsFilter(django_filters.FilterSet):
    """Validated page options; the survey itself is not filtered."""

    by = django_filters.ChoiceFilter(
        label=_("Break down by"), choices=BREAKDOWN_CHOICES, empty_label=None, method="keep"
    )
    school = django_filters.ChoiceFilter(label=_("School"), method="keep", empty_label=_("Whole district"))

    class Meta:
        model = Survey
        fields: list[str] = []

    def __init__(self, *args, schools=(), district_wide=True, asked=None, **kwargs):
        super().__init__(*args, **kwargs)
        if asked is not None:
            # Only the demographics this survey asks about (and who answered: the respondent group).
            offered = {SCHOOL, YEAR, Demographic.GROUP, *asked}
            self.filters["by"].extra["choices"] = [c for c in BREAKDOWN_CHOICES if c[0] in offered]
            self.form.fields["by"].choices = [c for c in BREAKDOWN_CHOICES if c[0] in offered]
        field = self.form.fields["school"]
        field.empty_label = _("Whole district") if district_wide else None
        field.choices = [(str(s.pk), s.name) for s in schools]
        field.help_text = _("For a breakdown by subgroup or by year.")

    def keep(self, queryset, name, value):
        return queryset

    def options(self) -> tuple[str, int | None]:
        """The breakdown and school asked for (defaults when the choice is not valid)."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        school = data.get("school")
        return data.get("by") or SCHOOL, int(school) if school else None


class CommentQueueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CommentStatus.choices, empty_label=None, method="keep"
    )

    class Meta:
        model = Survey
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset

    def status_value(self) -> str:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("status") or CommentStatus.PENDING


class CommentsFilter(django_filters.FilterSet):
    """The advisory team's list of comments, by question."""

    question = django_filters.ModelChoiceFilter(
        label=_("Question"), field_name="answer__question", queryset=Question.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args, survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["question"].queryset = Question.objects.filter(survey=survey, kind__in=QuestionKind.texts())
        self.form.fields["question"].queryset = self.filters["question"].queryset


class CommentReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve, as shown below")), ("hide", _("Hide"))],
        widget=forms.RadioSelect,
    )
    redacted_text = forms.CharField(
        label=_("Text as the advisory team will read it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Take out names and anything else that identifies someone."),
    )
    safety_concern = forms.BooleanField(label=_("Safety concern to follow up"), required=False)
    safety_note = forms.CharField(label=_("Follow-up note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("safety_concern") and not (data.get("safety_note") or "").strip():
            self.add_error("safety_note", _("Say what should be followed up."))
        return data


class ShareForm(forms.Form):
    shared = forms.BooleanField(required=False)
