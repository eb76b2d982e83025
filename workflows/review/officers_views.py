"""Staff pages of officer history and early warning (/staff/officers/, names ``staff:officers:...``).

The area exists for coordinators and agency heads (404 for everyone else); each page asks
``accounts.rules.officers_for`` which officers the person reads.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.models import Agency, Officer
from accounts.rules import (
    coordinated_districts,
    get_district_for_coordinator,
    get_officer_for_user,
    is_coordinator,
    may_read_officer_history,
    officers_for,
)
from accounts.staff import AreaApplication
from core.audit import AuditKind, audit_record
from core.views import PrivatePageMixin
from workflows.review import officers
from workflows.review.forms_casefile import EarlyWarningPolicyForm, EarlyWarningResolveForm

PAGE_SIZE = 25


class OfficerFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name or badge"), method="by_name")
    agency = django_filters.ModelChoiceFilter(queryset=None, label=_("Agency"))
    warning = django_filters.BooleanFilter(label=_("Open early warning"), method="with_warning")

    class Meta:
        model = Officer
        fields = ["name", "agency", "warning"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The agencies of the officers the person reads (an agency head: their own).
        self.filters["agency"].queryset = Agency.objects.filter(pk__in=officers_for(user).values("agency_id")).order_by(
            "name"
        )

    def by_name(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(badge_number=value))

    def with_warning(self, queryset, name, value):
        open_q = Q(early_warnings__resolved_at__isnull=True, early_warnings__isnull=False)
        return queryset.filter(open_q).distinct() if value else queryset.exclude(open_q)


class OfficersAreaView(PrivatePageMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not may_read_officer_history(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OfficerListView(OfficersAreaView):
    """Open early warnings first, then the officers the person reads (filtered, paginated)."""

    def get(self, request):
        found = OfficerFilter(
            request.GET or None, queryset=officers_for(request.user).select_related("agency"), user=request.user
        )
        shown = found.qs if found.is_bound and found.is_valid() else found.queryset
        page = Paginator(shown.order_by("full_name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(
            actor=request.user,
            kind=AuditKind.OFFICER_HISTORY_VIEWED,
            obj=None,
            request=request,
            note=request.GET.urlencode()[:200],
        )
        context = {
            "filter": found,
            "page_obj": page,
            "warnings": officers.early_warnings_for(request.user).filter(resolved_at=None)[:50],
            "policy_districts": _coordinated(request.user),
        }
        return render(request, "workflows/officers/index.html", context)


def _coordinated(user):
    """The districts whose threshold the person sets (coordinators only)."""
    return coordinated_districts(user) if is_coordinator(user) else []


class OfficerHistoryView(OfficersAreaView):
    """One officer's complaints in the last 12 and 36 months, by concern and finding; their early warnings. Audited."""

    def get(self, request, pk, resolve_forms=None):
        officer = get_officer_for_user(request.user, pk)
        audit_record(
            actor=request.user,
            kind=AuditKind.OFFICER_HISTORY_VIEWED,
            obj=officer,
            request=request,
            district_id=officer.agency.district_id,
        )
        warnings = officers.early_warnings_for(request.user).filter(officer=officer).select_related("resolved_by")
        context = {
            "officer": officer,
            "windows": officers.officer_history(officer=officer),
            "findings": officers.finding_columns(),
            "warnings": [
                (w, (resolve_forms or {}).get(w.pk) or EarlyWarningResolveForm(prefix=f"w{w.pk}")) for w in warnings
            ],
            "policy": officers.early_warning_policy(officer.agency.district_id),
        }
        return render(request, "workflows/officers/history.html", context)


class EarlyWarningResolveView(OfficersAreaView):
    def post(self, request, pk):
        warning = get_object_or_404(officers.early_warnings_for(request.user), pk=pk, resolved_at=None)
        form = EarlyWarningResolveForm(request.POST, prefix=f"w{warning.pk}")
        if not form.is_valid():
            return OfficerHistoryView().get(request, warning.officer_id, resolve_forms={warning.pk: form})
        try:
            officers.early_warning_resolve(
                warning=warning, user=request.user, resolution=form.cleaned_data["resolution"], request=request
            )
        except PermissionDenied:
            raise Http404 from None
        return redirect("staff:officers:officer", pk=warning.officer_id)


class EarlyWarningPolicyView(OfficersAreaView):
    """The coordinator sets the district's early-intervention threshold. Audited."""

    def get(self, request, district, form=None):
        district = get_district_for_coordinator(request.user, district)
        policy = officers.early_warning_policy(district)
        form = form or EarlyWarningPolicyForm(instance=policy)
        return render(request, "workflows/officers/policy.html", {"district": district, "form": form})

    def post(self, request, district):
        policy = officers.early_warning_policy(get_district_for_coordinator(request.user, district))
        form = EarlyWarningPolicyForm(request.POST, instance=officers.early_warning_policy(policy.district_id))
        if not form.is_valid():
            return self.get(request, district, form=form)
        officers.early_warning_policy_update(policy=policy, user=request.user, data=form.cleaned_data, request=request)
        return redirect("staff:officers:index")


class OfficersApplication(AreaApplication):
    """Every view decides itself (404 out of scope); the permission only hides the menu entry."""

    title = _("Officer history")
    app_name = "officers"
    permission = staticmethod(may_read_officer_history)
    index_path = path("", OfficerListView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            path("<int:pk>/", OfficerHistoryView.as_view(), name="officer"),
            path("warnings/<int:pk>/resolve/", EarlyWarningResolveView.as_view(), name="warning_resolve"),
            path("threshold/<int:district>/", EarlyWarningPolicyView.as_view(), name="policy"),
        ]
