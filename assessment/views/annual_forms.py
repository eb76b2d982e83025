"""Forms of the annual assessment's staff pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.models import AdvisoryNoteKind, Criterion, EvidenceSection, Goal, WorkPlanTask
from core.i18n import pick
from core.schoolyear import school_year_label, school_year_of


def year_choices(back: int = 2) -> list[tuple[int, str]]:
    """This school year and the ``back`` before it."""
    this_year = school_year_of(timezone.localdate())
    return [(year, school_year_label(year)) for year in range(this_year, this_year - back - 1, -1)]


class OpenYearForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int, choices=())

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["school_year"].choices = year_choices()
        if districts.count() == 1:
            self.fields["district"].widget = forms.HiddenInput()
            self.fields["district"].initial = districts.first()


class ScoreForm(forms.Form):
    """A level and a note for every criterion of the rubric (one side's scores, or the agreed ones)."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            levels = [(level.score, f"{level.score}: {pick(level, 'label')}") for level in criterion.levels.all()]
            self.fields[f"c{criterion.pk}_score"] = forms.TypedChoiceField(
                label=pick(criterion, "title"), choices=levels, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"c{criterion.pk}_note"] = forms.CharField(
                label=_("Note on this criterion"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"c{c.pk}_score"], data[f"c{c.pk}_note"]) for c in self.criteria}

    def rows(self):
        """(criterion, score field, note field) per criterion, for the template."""
        return [(c, self[f"c{c.pk}_score"], self[f"c{c.pk}_note"]) for c in self.criteria]


class ConfirmForm(forms.Form):
    """A step with nothing to fill in but a note (the coordinator closing the advisory review)."""


class ApproveForm(forms.Form):
    approve = forms.BooleanField(label=_("I approve the assessment as reconciled and reviewed."))
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("This is a"), choices=AdvisoryNoteKind.choices, widget=forms.RadioSelect)
    body = forms.CharField(label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class SignOffForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Your answer"),
        coerce=lambda value: value == "yes",
        choices=(("yes", _("I sign off on this assessment")), ("no", _("I dissent"))),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the dissent"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you dissent; published with the assessment."),
    )

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why you dissent."))
        return data


class CriterionForm(forms.ModelForm):
    evidence = forms.MultipleChoiceField(
        label=_("Evidence it points to"),
        choices=EvidenceSection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Criterion
        fields = ["code", "section", "position", "title_en", "title_es", "evidence", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = {level.score: level for level in self.instance.levels.all()} if self.instance.pk else {}
        for score in range(1, 5):
            level = levels.get(score)
            for name, label, widget in (
                ("label_en", _("Level %(n)s (English)"), forms.TextInput),
                ("label_es", _("Level %(n)s (Spanish)"), forms.TextInput),
                ("description_en", _("Level %(n)s: what it looks like (English)"), forms.Textarea(attrs={"rows": 2})),
                ("description_es", _("Level %(n)s: what it looks like (Spanish)"), forms.Textarea(attrs={"rows": 2})),
            ):
                self.fields[f"level{score}_{name}"] = forms.CharField(
                    label=label % {"n": score},
                    required=name == "label_en",
                    max_length=80 if name.startswith("label") else 2000,
                    widget=widget,
                    initial=getattr(level, name, ""),
                )

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = Criterion.objects.filter(district_id=self.instance.district_id, code=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another criterion of the rubric has this code."))
        return code

    def levels(self) -> list[dict]:
        data = self.cleaned_data
        names = ("label_en", "label_es", "description_en", "description_es")
        return [{"score": s, **{n: data[f"level{s}_{n}"] for n in names}} for s in range(1, 5)]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["position", "title_en", "title_es", "measure_en", "measure_es", "result_en", "result_es", "status"]


class WorkPlanTaskForm(forms.ModelForm):
    class Meta:
        model = WorkPlanTask
        fields = ["school", "text", "done", "note"]

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
