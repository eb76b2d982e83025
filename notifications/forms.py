from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.catalogue import optional_templates


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Send me these emails"),
        help_text=_("Receipts, outcomes and urgent staff alerts are always sent."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wanted"].choices = optional_templates()
