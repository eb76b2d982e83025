"""The tracking page's link to the optional satisfaction question: opened with the complaint's code and PIN like
every complainant page, it sends the family to the survey with the complaint's one-time code."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from complaints.models import PublicStatus
from complaints.selectors import tracked_complaint
from core.views import PrivatePageMixin
from surveys.models import InvitationStatus
from workflows.satisfaction import satisfaction_code, satisfaction_invitation


class SatisfactionView(PrivatePageMixin, View):
    def get(self, request, code):
        complaint = tracked_complaint(request, code)
        invitation = satisfaction_invitation(complaint)
        if complaint.public_status not in (PublicStatus.OUTCOME_SENT, PublicStatus.CLOSED) or invitation is None:
            raise Http404
        if invitation.status == InvitationStatus.FINISHED:
            return render(request, "workflows/review/satisfaction_done.html", {"complaint": complaint})
        return redirect("surveys:take_code_link", code=satisfaction_code(complaint))
