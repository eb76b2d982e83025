"""The facilitator's roster (phone-friendly): who comes, check-in, walk-ins, no-shows, paper consent."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import SessionRule, get_session_for_user, may_session
from core.audit import AuditKind, audit_record
from feedback.forms import WalkInForm
from feedback.models import Attendance, RegistrationStatus
from feedback.services.roster import attendance_record, paper_consent_record, walk_in_add
from feedback.views.staff import roster_url


class SessionMixin:
    rule = SessionRule.RUN

    def dispatch(self, request, *args, **kwargs):
        self.session = get_session_for_user(request.user, kwargs["pk"], self.rule)
        return super().dispatch(request, *args, **kwargs)

    def registration(self, pk: int):
        found = get_object_or_404(self.session.registrations.exclude(status=RegistrationStatus.CANCELLED), pk=pk)
        found.session = self.session
        return found


class RosterView(SessionMixin, View):
    """Everyone holding a seat or a waitlist place, with their contact details and needs: audited."""

    rule = SessionRule.CONTACTS

    def get(self, request, pk):
        people = self.session.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("school")
        audit_record(actor=request.user, kind=AuditKind.ROSTER_VIEWED, obj=self.session, request=request)
        context = {
            "session": self.session,
            "seated": [p for p in people if p.status != RegistrationStatus.WAITLISTED],
            "waitlisted": [p for p in people if p.status == RegistrationStatus.WAITLISTED],
            "seats_left": self.session.seats_left,
            "may_manage": may_session(request.user, SessionRule.MANAGE, self.session),
            "walk_in_form": WalkInForm(),
            "Attendance": Attendance,
        }
        return render(request, "feedback/staff/roster.html", context)


class AttendanceView(SessionMixin, View):
    def post(self, request, pk, registration):
        value = request.POST.get("attendance", "")
        if value not in Attendance.values:
            messages.error(request, _("Choose checked in, did not come, or not recorded."))
        else:
            attendance_record(
                registration=self.registration(registration), attendance=value, by=request.user, request=request
            )
        return redirect(roster_url(self.session))


class PaperConsentView(SessionMixin, View):
    def post(self, request, pk, registration):
        if paper_consent_record(registration=self.registration(registration), by=request.user, request=request):
            messages.success(request, _("Paper consent recorded; the seat is confirmed."))
        else:
            messages.error(request, _("This person is not waiting for a guardian's consent."))
        return redirect(roster_url(self.session))


class WalkInView(SessionMixin, View):
    def get(self, request, pk, form=None):
        return render(request, "feedback/staff/walk_in.html", {"session": self.session, "form": form or WalkInForm()})

    def post(self, request, pk):
        form = WalkInForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        walk_in_add(session=self.session, **form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Walk-in added and checked in."))
        return redirect(roster_url(self.session))
