"""The form for one page of a survey, in the request's language. Taking,
preview and paper entry all use it, so a question is asked one way."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.i18n import pick
from surveys.models import Question, QuestionKind
from surveys.models.survey import NUMBER_LIMIT

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _choice_field(question: Question, label: str, help_text: str) -> forms.Field:
    options = [(c.code, pick(c, "label")) for c in question.choices.all()]
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            choices=options,
            required=question.required,
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=options, required=question.required, widget=forms.RadioSelect
    )


def question_field(question: Question) -> forms.Field:
    """The form field asking ``question`` (its choices prefetched)."""
    label, help_text = pick(question, "text"), pick(question, "help")
    if question.has_choices:
        return _choice_field(question, label, help_text)
    if question.kind == QuestionKind.NUMBER:
        return forms.IntegerField(
            label=label,
            help_text=help_text,
            required=question.required,
            min_value=-NUMBER_LIMIT if question.min_value is None else question.min_value,
            max_value=NUMBER_LIMIT if question.max_value is None else question.max_value,
        )
    widget = forms.Textarea(attrs={"rows": 5}) if question.kind == QuestionKind.LONG_TEXT else forms.TextInput
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=question.required,
        max_length=LONG_TEXT_MAX if question.kind == QuestionKind.LONG_TEXT else SHORT_TEXT_MAX,
        widget=widget,
    )


class PageForm(forms.Form):
    """One page of questions. ``initial`` and ``cleaned_answers`` are keyed by
    question id, the shape ``ResponseDraft.answers`` and ``response_store``
    use."""

    def __init__(self, *args, questions: list[Question], answers: dict | None = None, **kwargs):
        answers = answers or {}
        kwargs.setdefault("initial", {f"q{qid}": value for qid, value in answers.items()})
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = question_field(question)
        self.required_note = _("Every question can be skipped unless it is marked required.")

    def cleaned_answers(self) -> dict[int, str | int | list[str] | None]:
        return {q.pk: self.cleaned_data.get(field_name(q)) for q in self.questions}
