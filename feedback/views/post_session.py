"""Post-session feedback pages: choosing the session's feedback survey,
the printable cards for attendees without email, and the results."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import SessionRule, get_session_for_user, may_session
from core.i18n import current_language, pick
from feedback.models import SessionFeedback
from feedback.services.post_session import (
    FeedbackSurveyRefused,
    feedback_cards,
    feedback_results_view,
    feedback_survey_choices,
    issued_count,
    session_feedback_set,
)
from surveys.services.reach import qr_svg


class FeedbackSurveyForm(forms.Form):
    survey = forms.ModelChoiceField(label=_("Feedback survey"), queryset=None, empty_label=None)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = feedback_survey_choices(session)
        self.fields["survey"].label_from_instance = lambda survey: pick(survey, "title")
        self.fields["survey"].help_text = _(
            "Surveys with the purpose “Dialogue session feedback”, built in Surveys; each serves one session."
        )


class PostSessionView(View):
    """Coordinators choose the survey and read results; the advisory team reads
    results; the session's facilitator sees how many were invited and the cards."""

    def dispatch(self, request, *args, **kwargs):
        user, pk = request.user, kwargs["pk"]
        try:
            self.session = get_session_for_user(user, pk, SessionRule.HEARD)
        except Http404:
            self.session = get_session_for_user(user, pk, SessionRule.RUN)
        self.may_manage = may_session(user, SessionRule.MANAGE, self.session)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk, form=None):
        feedback = SessionFeedback.objects.filter(session=self.session).select_related("survey").first()
        may_read = may_session(request.user, SessionRule.HEARD, self.session)
        results = None
        if feedback and may_read:
            results = feedback_results_view(
                session=self.session, actor=request.user, language=current_language(), request=request
            )
        context = {
            "session": self.session,
            "feedback": feedback,
            "results": results,
            "issued": issued_count(self.session),
            "may_manage": self.may_manage,
            "may_run": may_session(request.user, SessionRule.RUN, self.session),
            "form": form or (FeedbackSurveyForm(session=self.session) if self.may_manage else None),
        }
        return render(request, "feedback/post_session/session.html", context)

    def post(self, request, pk):
        if not self.may_manage:
            raise Http404
        form = FeedbackSurveyForm(request.POST, session=self.session)
        if form.is_valid():
            try:
                session_feedback_set(
                    session=self.session, survey=form.cleaned_data["survey"], actor=request.user, request=request
                )
            except FeedbackSurveyRefused as refused:
                form.add_error("survey", str(refused))
            else:
                messages.success(request, _("The feedback survey is set; people checked in are invited."))
                return redirect("staff:sessions:post_session", pk=self.session.pk)
        return self.get(request, pk, form=form)


class FeedbackCardsView(View):
    """Cards to cut out and hand around the room, one per attendee without
    email: code, link and QR code, in English and Spanish. Not cached."""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_session_for_user(request.user, kwargs["pk"], SessionRule.RUN)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        session = self.session
        cards = feedback_cards(session=session, actor=request.user, request=request)
        context = {"session": session, "cards": [(card, qr_svg(card.url)) for card in cards]}
        response = render(request, "feedback/post_session/cards.html", context)
        response["Cache-Control"] = "no-store"
        return response
