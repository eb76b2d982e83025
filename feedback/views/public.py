"""Public pages: the list of sessions, one session, signing up, a private link, a guardian's consent, calendars."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts.models import School
from core.ratelimit import client_over_limit
from core.views import PrivatePageMixin
from feedback.filters import SessionFilter
from feedback.forms import RegistrationChangeForm, RegistrationForm
from feedback.models import RegistrationStatus
from feedback.selectors import public_sessions, school_calendar_sessions
from feedback.services.calendar import sessions_ical
from feedback.services.registrations import (
    RegistrationClosed,
    consent_give,
    registration_by_token,
    registration_cancel,
    registration_change,
    registration_create,
    registration_pending_consent,
)


class SessionListView(FilterView):
    filterset_class = SessionFilter
    template_name = "feedback/session_list.html"
    context_object_name = "sessions"
    paginate_by = 20

    def get_queryset(self):
        return public_sessions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The calendar link is for a school the filter accepted, never for what the address says (?school=abc).
        accepted = self.filterset.is_valid()
        context["calendar_school"] = self.filterset.form.cleaned_data.get("school") if accepted else None
        return context


class SessionDetailView(DetailView):
    template_name = "feedback/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return public_sessions(include_past=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or RegistrationForm(session=self.object, initial=self._initial())
        context["open"] = self.object.registration_open()
        return context

    def _initial(self):
        user = self.request.user
        initial = {"language": get_language()[:2]}
        if user.is_authenticated:
            initial.update(name=user.get_full_name(), email=user.email)
        return initial


class RegisterView(PrivatePageMixin, SessionDetailView):
    """POST only: the form lives on the session page and comes back there with its errors."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = session = self.get_object()
        form = RegistrationForm(request.POST, session=session)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=200)
        if form.cleaned_data.get("website"):
            return render(request, "feedback/registered_bot.html")
        limit = settings.SESSION_SIGNUPS_PER_HOUR
        if client_over_limit(request, "session-signup", limit):
            context = self.get_context_data(form=form, limited=True)
            return self.render_to_response(context, status=429)
        try:
            registration, token = registration_create(
                session=session, fields=form.registration_fields(), user=request.user
            )
        except RegistrationClosed:
            messages.error(request, _("Sign-up for this session is closed."))
            return redirect("feedback:session", pk=session.pk)
        if registration.status == RegistrationStatus.WAITLISTED:
            done = _("You are on the waitlist. Keep this page's address: it is your private link.")
        else:
            done = _("You are signed up. Keep this page's address: it is your private link.")
        messages.success(request, done)
        return redirect("feedback:manage", token=token)


class ManageView(PrivatePageMixin, View):
    """A registrant's private link: see the seat, change details, cancel or leave the waitlist."""

    def dispatch(self, request, *args, **kwargs):
        self.registration = registration_by_token(kwargs["token"])
        if self.registration is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token, form=None, status=200):
        form = form or RegistrationChangeForm(instance=self.registration)
        context = {"registration": self.registration, "session": self.registration.session, "form": form}
        context["waitlisted"] = self.registration.status == RegistrationStatus.WAITLISTED
        return render(request, "feedback/manage.html", context, status=status)

    def post(self, request, token):
        if "cancel" in request.POST:
            registration_cancel(registration=self.registration)
            messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
            return redirect("feedback:session", pk=self.registration.session_id)
        form = RegistrationChangeForm(request.POST, instance=self.registration)
        if not form.is_valid():
            return self.get(request, token, form=form)
        registration_change(registration=self.registration, fields=form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("feedback:manage", token=token)


class ConsentView(PrivatePageMixin, View):
    """The guardian's link. Opening it changes nothing (mail scanners open links); the button agrees."""

    def get(self, request, token):
        registration = registration_pending_consent(token)
        if registration is None:
            raise Http404
        return render(request, "feedback/consent.html", {"registration": registration, "session": registration.session})

    def post(self, request, token):
        registration = consent_give(token=token)
        if registration is None:
            raise Http404
        return render(request, "feedback/consent_given.html", {"session": registration.session})


@require_GET
def school_calendar(request, school_id: int):
    """The .ics feed of one school's sessions (public: what the list shows)."""
    school = get_object_or_404(School, pk=school_id)
    body = sessions_ical(school_calendar_sessions(school), language=get_language()[:2])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="sessions-{school.slug}.ics"'
    return response
