"""Staff pages of the published releases: the list, and one release with what changed since the version before.

Coordinators and the superintendent of a district read its releases here (accounts.rules.release_district_ids);
everyone else gets a 404. Every page is audited.
"""

import django_filters
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import release_district_ids
from assessment.models import Release
from assessment.views.dashboard import changes_context
from core.audit import AuditKind, audit_record

PAGE_SIZE = 25


class ReleaseFilter(django_filters.FilterSet):
    school_year = django_filters.NumberFilter(label=_("School year (the year it starts)"), min_value=2000)

    class Meta:
        model = Release
        fields = ["school_year"]


class ReleaseAreaView(View):
    def dispatch(self, request, *args, **kwargs):
        self.district_ids = release_district_ids(request.user)
        if not self.district_ids:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def releases(self):
        return Release.objects.filter(district_id__in=self.district_ids).select_related("district", "published_by")


class ReleaseListView(ReleaseAreaView):
    def get(self, request):
        found = ReleaseFilter(request.GET or None, queryset=self.releases().defer("snapshot", "assessment"))
        releases = found.qs if found.is_bound and found.is_valid() else found.queryset
        page = Paginator(releases.order_by("-school_year", "-version", "pk"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        audit_record(actor=request.user, kind=AuditKind.RELEASES_VIEWED, obj=None, request=request)
        return render(request, "assessment/dashboard/staff_releases.html", {"filter": found, "page_obj": page})


class ReleaseDetailView(ReleaseAreaView):
    def get(self, request, pk: int):
        release = get_object_or_404(self.releases(), pk=pk)
        audit_record(actor=request.user, kind=AuditKind.RELEASES_VIEWED, obj=release, request=request)
        return render(request, "assessment/dashboard/staff_release.html", changes_context(release))
