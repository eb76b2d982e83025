"""What we heard: the facilitator adds and corrects items, the coordinator reviews them,
the advisory team reads the approved ones; the coordinator extends the theme list."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from accounts.rules import SessionRule, get_district_for_coordinator, sessions_for
from feedback.forms import HeardItemChangeForm, HeardItemForm, ThemeForm
from feedback.models import HeardItem, HeardStatus
from feedback.services.heard import heard_item_add, heard_item_change, heard_item_review, theme_add, themes_for
from feedback.views.roster import SessionMixin


def heard_url(session) -> str:
    return reverse("staff:sessions:heard", args=[session.pk])


class SessionHeardView(SessionMixin, View):
    """One session's items and the form to add one."""

    def get(self, request, pk, form=None):
        items = self.session.heard_items.select_related("theme")
        context = {
            "session": self.session,
            "items": items,
            "form": form or HeardItemForm(district=self.session.district),
        }
        return render(request, "feedback/staff/heard_session.html", context)

    def post(self, request, pk):
        form = HeardItemForm(request.POST, district=self.session.district)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        heard_item_add(session=self.session, **form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Added. The coordinator reviews it before the advisory team reads it."))
        return redirect(heard_url(self.session))


class HeardEditView(SessionMixin, View):
    def _item(self, item_id):
        item = get_object_or_404(self.session.heard_items.all(), pk=item_id)
        item.session = self.session
        return item

    def get(self, request, pk, item, form=None):
        found = self._item(item)
        form = form or HeardItemChangeForm(instance=found, district=self.session.district)
        return render(request, "feedback/staff/heard_edit.html", {"session": self.session, "item": found, "form": form})

    def post(self, request, pk, item):
        found = self._item(item)
        form = HeardItemChangeForm(
            request.POST, instance=HeardItem.objects.get(pk=found.pk), district=self.session.district
        )
        if not form.is_valid():
            return self.get(request, pk, item, form=form)
        heard_item_change(
            item=found,
            theme=form.cleaned_data["theme"],
            text=form.cleaned_data["text"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("Saved."))
        return redirect(heard_url(self.session))


class HeardIndexView(ListView):
    """Approved items of the sessions the person may read (the advisory team, the coordinator);
    for the coordinator also the items waiting for review."""

    template_name = "feedback/staff/heard_index.html"
    context_object_name = "items"
    paginate_by = 50

    def get_queryset(self):
        readable = sessions_for(self.request.user, SessionRule.HEARD)
        return (
            HeardItem.objects.filter(session__in=readable, status=HeardStatus.APPROVED)
            .select_related("theme", "session")
            .order_by("theme__name_en", "-session__starts_at", "pk")
        )

    def get_context_data(self, **kwargs):
        managed = sessions_for(self.request.user, SessionRule.MANAGE)
        waiting = HeardItem.objects.filter(session__in=managed, status=HeardStatus.SUBMITTED)
        return super().get_context_data(waiting=waiting.select_related("theme", "session"), **kwargs)


class HeardReviewView(View):
    def post(self, request, item):
        found = get_object_or_404(
            HeardItem.objects.filter(session__in=sessions_for(request.user, SessionRule.MANAGE)), pk=item
        )
        heard_item_review(
            item=found, approve=request.POST.get("decision") == "approve", by=request.user, request=request
        )
        messages.success(request, _("Review saved."))
        return redirect("staff:sessions:heard_index")


class ThemesView(View):
    def dispatch(self, request, *args, **kwargs):
        self.district = get_district_for_coordinator(request.user, kwargs["district"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, district, form=None):
        context = {"district": self.district, "themes": themes_for(self.district), "form": form or ThemeForm()}
        return render(request, "feedback/staff/themes.html", context)

    def post(self, request, district):
        form = ThemeForm(request.POST)
        if not form.is_valid():
            return self.get(request, district, form=form)
        theme_add(district=self.district, **form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Theme added."))
        return redirect("staff:sessions:themes", district=self.district.pk)
