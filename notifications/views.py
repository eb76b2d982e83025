from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.rules import is_coordinator
from notifications import selectors, services
from notifications.catalogue import optional_templates
from notifications.forms import PreferencesForm
from notifications.links import unsubscribe_target
from notifications.models import Unsubscribe


class PreferencesView(LoginRequiredMixin, View):
    template_name = "notifications/preferences.html"

    def get(self, request):
        muted = set(Unsubscribe.objects.filter(email=request.user.email.lower()).values_list("template", flat=True))
        wanted = [name for name, _label in optional_templates() if name not in muted]
        return render(request, self.template_name, {"form": PreferencesForm(initial={"wanted": wanted})})

    def post(self, request):
        form = PreferencesForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        optional = {name for name, _label in optional_templates()}
        services.preferences_save(user=request.user, muted=optional - set(form.cleaned_data["wanted"]))
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:preferences")


class UnsubscribeView(View):
    """One click from a mail leads here; the change itself needs a POST (no JavaScript needed)."""

    def get(self, request, token):
        target = unsubscribe_target(token)
        if target is None:
            raise Http404
        return render(request, "notifications/unsubscribe.html", {"email": target[0], "done": False})

    def post(self, request, token):
        target = unsubscribe_target(token)
        if target is None:
            raise Http404
        services.unsubscribe(email=target[0], template=target[1])
        return render(request, "notifications/unsubscribe.html", {"email": target[0], "done": True})


class DeliveryProblemsView(View):
    """Staff area: every mail not sent within NOTIFY_LATE_MINUTES (or failed) and addresses that
    bounce, for coordinators, with a resend button on failed and unconfirmed mail."""

    def get(self, request):
        if not is_coordinator(request.user):
            raise Http404
        late = Paginator(selectors.late_mail(request.user), 25).get_page(request.GET.get("page"))
        context = {
            "page": late,
            "on_the_way": selectors.on_the_way_count(request.user),
            "late_minutes": settings.NOTIFY_LATE_MINUTES,
            "retry_hours": settings.NOTIFY_ESSENTIAL_RETRY_HOURS,
            "confirm_minutes": max(1, settings.NOTIFY_CONFIRM_WINDOW_SECONDS // 60),
            "resendable_count": selectors.resendable_mail(request.user).count(),
            "problems": selectors.problem_addresses(request.user)[:100],
        }
        return render(request, "notifications/delivery_problems.html", context)


class ResendView(View):
    """A coordinator sends a failed or unconfirmed mail of their district again (POST only, audited)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        outbound = selectors.get_outbound_for_user(request.user, pk)
        if services.email_resend(outbound=outbound, by=request.user, request=request):
            messages.success(request, _("The mail to %(email)s will be sent again.") % {"email": outbound.to_email})
        else:
            messages.error(request, _("That mail is already on its way or sent; it was not sent again."))
        return redirect("staff:delivery:index")


RESEND_ALL_BATCH = 500


class ResendAllView(View):
    """A coordinator sends every failed or unconfirmed mail of their districts again (POST only, each audited)."""

    http_method_names = ["post"]

    def post(self, request):
        if not is_coordinator(request.user):
            raise Http404
        mail = selectors.resendable_mail(request.user)
        # A bounded batch keeps the request short; the button offers the rest again.
        count = services.emails_resend(outbounds=mail, by=request.user, request=request, limit=RESEND_ALL_BATCH)
        if count:
            text = ngettext("%(n)s mail will be sent again.", "%(n)s mails will be sent again.", count)
            messages.success(request, text % {"n": count})
        else:
            messages.info(request, _("No mail needed sending again."))
        return redirect("staff:delivery:index")
