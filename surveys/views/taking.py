"""Public ways into a survey: the list of open surveys, a school's open link,
an invitation or class code (typed, or the mail's one-click link) and a
resume code. Each shows the survey's first page and starts a draft only on
POST. The pages of questions are in ``surveys.views.taking_pages``."""

import dataclasses

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.i18n import current_language, pick
from core.ratelimit import client_over_limit
from core.views import PrivatePageMixin
from surveys.codes import code_normalise
from surveys.models import AnonymityMode, Demographic, InvitationStatus, Purpose, Source, Survey
from surveys.services.taking import (
    InvitationAlreadyUsed,
    StartTicket,
    SurveyNotOpen,
    class_code_find,
    class_code_ticket,
    draft_resume,
    draft_start,
    invitation_find,
    invitation_ticket,
)
from surveys.structure import survey_questions
from surveys.take_forms import CodeForm, ResumeForm, StartForm
from surveys.take_session import take_session_draft, take_session_open, take_session_resume_code
from surveys.views.taking_common import CODE_USED, code_page, published_survey, status_page
from surveys.views.taking_pages import page_response

# Per client (one address, or one IPv6 /64) per hour. A whole school often
# shares one address, so these are generous; the honeypot stops simple bots.

CODE_UNKNOWN = _("We do not recognise this code. Please check it and try again.")
CODE_CLASS_CLOSED = _("This class code is no longer accepting answers. Please ask your teacher.")
RESUME_UNKNOWN = _("We do not recognise this resume code, or the answers saved with it have expired.")
LIMITED = _("Too many attempts from this connection. Please try again in an hour.")


def _group_choices(survey: Survey, ticket: StartTicket) -> list[str]:
    """The groups to offer on the first page: only for an open link, only
    when the survey has several groups and no question asks it."""
    if ticket.source != Source.LINK or len(survey.groups) < 2:
        return []
    if any(question.demographic == Demographic.GROUP for question in survey_questions(survey)):
        return []
    return list(survey.groups)


def start_page(request, ticket: StartTicket, *, action: str, form=None, limited=False, status=200):
    survey = ticket.survey
    form = form or StartForm(groups=_group_choices(survey, ticket))
    context = {
        "survey": survey,
        "title": pick(survey, "title"),
        "intro": pick(survey, "intro"),
        "school": ticket.school,
        "form": form,
        "action": action,
        "limited": limited,
        "draft_days": settings.SURVEY_DRAFT_DAYS,
        "is_invitation": ticket.invitation is not None,
        "linked": survey.anonymity == AnonymityMode.CONFIDENTIAL and ticket.invitation is not None,
    }
    return render(request, "surveys/take/start.html", context, status=status)


def _continues(held, ticket: StartTicket) -> bool:
    """True when this browser's draft in progress came in the same way."""
    invitation_id = ticket.invitation.pk if ticket.invitation else None
    return held is not None and held.survey_id == ticket.survey.pk and held.invitation_id == invitation_id


def start_post(request, ticket: StartTicket, *, action: str):
    """Starts a draft from the first page's form and answers with the first
    page of questions itself (one request; its form sends to the page's own address)."""
    form = StartForm(request.POST, groups=_group_choices(ticket.survey, ticket))
    if form.is_bot():
        return redirect("surveys:take_thanks", public_id=ticket.survey.public_id)
    held = take_session_draft(request)
    if _continues(held, ticket) and held.survey.is_open:
        # Start pressed twice (or a refresh), or the class code typed again mid-survey: one response per device
        # session, and no new start counted.
        return page_response(request, draft=held, resume_code=take_session_resume_code(request))
    if client_over_limit(request, "surveys:start", settings.SURVEY_STARTS_PER_HOUR):
        return start_page(request, ticket, action=action, form=form, limited=True, status=429)
    if not form.is_valid():
        return start_page(request, ticket, action=action, form=form)
    group = form.cleaned_data.get("respondent_group") or ticket.respondent_group
    ticket = dataclasses.replace(ticket, respondent_group=group)
    try:
        draft, resume_code = draft_start(ticket=ticket, language=current_language())
    except SurveyNotOpen:
        return status_page(request, ticket.survey)
    except InvitationAlreadyUsed:
        return code_page(request, CodeForm(), error=CODE_USED)
    return take_session_open(
        page_response(request, draft=draft, resume_code=resume_code), draft=draft, resume_code=resume_code
    )


class SurveyIndexView(PrivatePageMixin, View):
    """Open surveys with their link per school, and the "I have a code" form."""

    per_page = 20

    def indexable(self) -> bool:
        return True

    def get(self, request):
        today = timezone.localdate()
        surveys = (
            Survey.objects.filter(purpose=Purpose.CLIMATE, published_at__isnull=False)
            .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
            .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
            .select_related("district")
            .prefetch_related("schools")
            .order_by("district__name", "title_en", "pk")
        )
        page = Paginator(surveys, self.per_page).get_page(request.GET.get("page"))
        rows = [{"survey": s, "title": pick(s, "title")} for s in page.object_list]
        context = {"page_obj": page, "rows": rows, "form": CodeForm()}
        return render(request, "surveys/take/index.html", context)


class OpenLinkView(PrivatePageMixin, View):
    """A school's open link (the poster's QR code points here)."""

    def setup(self, request, *args, public_id, school_slug, **kwargs):
        super().setup(request, *args, **kwargs)
        survey = published_survey(public_id)
        school = survey.schools.filter(slug=school_slug).first()
        if school is None:
            raise Http404
        self.ticket = StartTicket(survey=survey, source=Source.LINK, school=school)
        self.action = reverse("surveys:take_start", args=[public_id, school_slug])

    def get(self, request, **kwargs):
        if not self.ticket.survey.is_open:
            return status_page(request, self.ticket.survey)
        return start_page(request, self.ticket, action=self.action)

    def post(self, request, **kwargs):
        return start_post(request, self.ticket, action=self.action)


def _ticket_for_code(code: str) -> tuple[StartTicket | None, object]:
    """The start ticket for an invitation or class code, or None and the
    message explaining why the code cannot start a survey."""
    invitation = invitation_find(code)
    if invitation is not None and invitation.survey.is_frozen:
        if invitation.status == InvitationStatus.FINISHED:
            return None, CODE_USED
        return invitation_ticket(invitation), None
    class_code = class_code_find(code)
    if class_code is None or not class_code.survey.is_frozen:
        return None, CODE_UNKNOWN
    if not class_code.is_active:
        return None, CODE_CLASS_CLOSED
    return class_code_ticket(class_code), None


class CodeView(PrivatePageMixin, View):
    """ "I have a code": an invitation's access code or a class code."""

    def get(self, request):
        return code_page(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_bot():
            return redirect("surveys:index")
        if client_over_limit(request, "surveys:code", settings.SURVEY_CODE_ATTEMPTS_PER_HOUR):
            return code_page(request, form, limited=True, status=429)
        if not form.is_valid():
            return code_page(request, form)
        ticket, error = _ticket_for_code(form.cleaned_data["code"])
        if ticket is None:
            return code_page(request, form, error=error)
        return redirect("surveys:take_code_link", code=form.cleaned_data["code"].strip())


class CodeLinkView(PrivatePageMixin, View):
    """The invitation mail's one-click link (or a typed code): GET shows the
    survey's first page with a Start button, POST starts. Nothing changes on GET."""

    def setup(self, request, *args, code, **kwargs):
        super().setup(request, *args, **kwargs)
        self.code = code
        self.action = reverse("surveys:take_code_link", args=[code])

    def _ticket(self, request):
        if client_over_limit(request, "surveys:code", settings.SURVEY_CODE_ATTEMPTS_PER_HOUR):
            return None, code_page(request, CodeForm(), limited=True, status=429)
        ticket, error = _ticket_for_code(self.code)
        if ticket is None:
            return None, code_page(request, CodeForm({"code": self.code}), error=error)
        if not ticket.survey.is_open:
            return None, status_page(request, ticket.survey)
        return ticket, None

    def get(self, request, **kwargs):
        ticket, refusal = self._ticket(request)
        return refusal or start_page(request, ticket, action=self.action)

    def post(self, request, **kwargs):
        ticket, refusal = self._ticket(request)
        return refusal or start_post(request, ticket, action=self.action)


class ResumeView(PrivatePageMixin, View):
    """Continue a survey on any device with the resume code."""

    def get(self, request):
        return self._render(ResumeForm())

    def post(self, request):
        form = ResumeForm(request.POST)
        if form.is_bot():
            return redirect("surveys:index")
        if client_over_limit(request, "surveys:code", settings.SURVEY_CODE_ATTEMPTS_PER_HOUR):
            return self._render(form, limited=True, status=429)
        if not form.is_valid():
            return self._render(form)
        draft = draft_resume(form.cleaned_data["code"])
        if draft is None:
            form.add_error("code", RESUME_UNKNOWN)
            return self._render(form)
        if not draft.survey.is_open:
            return status_page(request, draft.survey)
        code = code_normalise(form.cleaned_data["code"])
        return take_session_open(redirect("surveys:take_page"), draft=draft, resume_code=code)

    def _render(self, form, limited=False, status=200):
        context = {"form": form, "limited": limited}
        return render(self.request, "surveys/take/resume.html", context, status=status)
