"""The coordinator's session pages: the list, a new session, changes, cancelling."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from accounts.rules import (
    SessionRule,
    coordinated_districts,
    get_district_for_coordinator,
    get_session_for_user,
    is_coordinator,
    sessions_for,
)
from feedback.forms import SessionForm
from feedback.models import Session
from feedback.services.sessions import session_cancel, session_change, session_create


def roster_url(session) -> str:
    return reverse("staff:sessions:roster", args=[session.pk])


class SessionIndexView(ListView):
    """Sessions the person runs or manages, newest first (a facilitator: only their own)."""

    template_name = "feedback/staff/index.html"
    context_object_name = "sessions"
    paginate_by = 25

    def get_queryset(self):
        return sessions_for(self.request.user, SessionRule.RUN).select_related("district").order_by("-starts_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["districts"] = coordinated_districts(self.request.user) if is_coordinator(self.request.user) else []
        shown = [session.pk for session in context["sessions"]]
        context["managed"] = set(
            sessions_for(self.request.user, SessionRule.MANAGE).filter(pk__in=shown).values_list("pk", flat=True)
        )
        return context


class SessionFormView(View):
    """New session (``district`` in the URL) or changes to one (``pk``): the district's coordinator only."""

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.session = get_session_for_user(request.user, kwargs["pk"], SessionRule.MANAGE)
            self.district = self.session.district
        else:
            self.session = None
            self.district = get_district_for_coordinator(request.user, kwargs["district"])
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        return SessionForm(data, instance=self.session or Session(district=self.district), district=self.district)

    def get(self, request, *args, form=None, **kwargs):
        context = {"form": form or self._form(), "session": self.session, "district": self.district}
        return render(request, "feedback/staff/session_form.html", context)

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        common = {
            "fields": form.session_fields(),
            "schools": list(form.cleaned_data["schools"]),
            "facilitators": list(form.cleaned_data["facilitators"]),
            "by": request.user,
            "request": request,
        }
        if self.session is None:
            session = session_create(**{**common, "fields": {**common["fields"], "district": self.district}})
            messages.success(request, _("The session is published on the public list."))
        else:
            session = session_change(session=self.session, **common)
            messages.success(
                request, _("The session is saved; people signed up are told about changes of time or place.")
            )
        return redirect(roster_url(session))


class SessionCancelView(View):
    def dispatch(self, request, *args, **kwargs):
        self.session = get_session_for_user(request.user, kwargs["pk"], SessionRule.MANAGE)
        if self.session.is_cancelled:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, "feedback/staff/session_cancel.html", {"session": self.session})

    def post(self, request, pk):
        told = session_cancel(session=self.session, by=request.user, request=request)
        messages.success(request, _("The session is cancelled; %(n)d people were told.") % {"n": told})
        return redirect(roster_url(self.session))
