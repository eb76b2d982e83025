"""The small forms around taking a survey: starting (with a honeypot),
entering an invitation or class code, and entering a resume code. The
questions themselves are asked by ``surveys.forms.PageForm``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import RespondentGroup

HONEYPOT = "website"


class HoneypotMixin:
    """A field hidden from people (CSS and aria-hidden) that bots fill in."""

    honeypot_name = HONEYPOT

    def add_honeypot(self) -> None:
        self.fields[HONEYPOT] = forms.CharField(label=_("Leave this field empty"), required=False)
        self.fields[HONEYPOT].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class StartForm(HoneypotMixin, forms.Form):
    """The Start button of a survey's first page; asks the respondent group
    when an open link cannot know it and no question asks it."""

    def __init__(self, *args, groups: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups:
            self.fields["respondent_group"] = forms.ChoiceField(
                label=_("I am answering as"),
                help_text=_("You may skip this."),
                choices=[(g.value, g.label) for g in RespondentGroup if g.value in groups],
                required=False,
                widget=forms.RadioSelect,
            )
        self.add_honeypot()


class CodeForm(HoneypotMixin, forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("The access code from your invitation or the class code your teacher shows."),
        max_length=40,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        self.add_honeypot()


class ResumeForm(HoneypotMixin, forms.Form):
    code = forms.CharField(
        label=_("Resume code"),
        help_text=_("The code shown at the top of each page while you were answering."),
        max_length=40,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        self.add_honeypot()
