"""What the case page shows of staff casework: related complaints and reopening."""

from workflows.review.casework_forms import LinkForm, ReopenForm
from workflows.review.related import related_for
from workflows.review.withdrawal import may_reopen


def casework_context(user, complaint, access, *, link_form=None, reopen_form=None) -> dict:
    """The related complaints ``user`` may see and, for the coordinator, the
    link form and (once the complaint is closed or withdrawn) the reopen form."""
    context = {"related": related_for(user, complaint)}
    if access.coordinates:
        context["link_form"] = link_form or LinkForm(user=user)
        if may_reopen(user, complaint):
            context["reopen_form"] = reopen_form or ReopenForm()
    return context
