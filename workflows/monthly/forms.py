"""The monthly review's forms: certify, the school's review (a resolution per flag), accept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activity.services.flags import event_flags
from workflows.monthly.services import resolution_field


class Decision:
    FORWARD = "forward"
    SEND_BACK = "send_back"


_REASON = forms.CharField(
    label=_("Reason for sending back (what the SRO should correct)"),
    required=False,
    max_length=3000,
    widget=forms.Textarea(attrs={"rows": 3}),
)


class CertifyForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I certify that my records of this month at this school are complete and correct.")
    )


class _DecisionForm(forms.Form):
    """Forward or send back; a reason is required to send back."""

    forward_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = forms.ChoiceField(
            label=_("Decision"),
            choices=[(Decision.FORWARD, self.forward_label), (Decision.SEND_BACK, _("Send back to the SRO"))],
            widget=forms.RadioSelect,
            initial=Decision.FORWARD,
        )
        self.fields["reason"] = _REASON

    @property
    def send_back_reason(self) -> str:
        return self.cleaned_data["reason"].strip() if self.cleaned_data["decision"] == Decision.SEND_BACK else ""

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.SEND_BACK and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say what the SRO should correct."))
        return data


class SchoolReviewForm(_DecisionForm):
    """Comments, a written resolution for every flag of the month, and the decision."""

    forward_label = _("Pass to the coordinator")
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, flagged=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.flag_rows = []
        for event in flagged:
            resolved = {r.code: r.text for r in event.flag_resolutions.all()}
            for check in event_flags(event):
                name = resolution_field(event.pk, check.code)
                self.fields[name] = forms.CharField(
                    label=_("Resolution: %(flag)s (%(event)s)") % {"flag": check.label, "event": event},
                    required=False,
                    max_length=3000,
                    initial=resolved.get(check.code, ""),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.flag_rows.append((event, check, name))
        self.order_fields([name for _e, _c, name in self.flag_rows] + ["comments", "decision", "reason"])

    def resolutions(self) -> dict[tuple[int, str], str]:
        return {(event.pk, check.code): self.cleaned_data.get(name, "") for event, check, name in self.flag_rows}

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.FORWARD:
            for _event, _check, name in self.flag_rows:
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Write how this flag was resolved."))
        return data


class AcceptForm(_DecisionForm):
    forward_label = _("Accept and lock the month")
