"""Pages for signed-in people outside the staff area."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from accounts.access import is_program_staff
from accounts.selectors import memberships_for


class AfterLoginView(LoginRequiredMixin, View):
    """Sends staff to their dashboard and everyone else to their own page."""

    def get(self, request):
        if is_program_staff(request.user) or request.user.is_staff:
            return redirect("staff:index")
        return redirect("accounts:me")


class MyAccountView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/me.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(memberships=memberships_for(self.request.user), **kwargs)
