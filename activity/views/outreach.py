"""The staff list of outreach activities: same people, same scope as the events."""

from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.rules import ActivityRule, activity_records_for, logging_officer
from activity.filters import OutreachFilter
from activity.views.records import PAGE_SIZE, ActivityAreaView, audit_listed


class OutreachListView(ActivityAreaView):
    """Outreach activities the person may read, newest first: audited with the filter used."""

    def get(self, request):
        rows = activity_records_for(request.user, "OutreachActivity", ActivityRule.VIEW)
        rows = rows.select_related("school", "officer").order_by("-date", "-pk")
        found = OutreachFilter(request.GET or None, queryset=rows, user=request.user)
        shown = found.qs if found.is_bound and found.is_valid() else found.queryset
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
        audit_listed(request)
        context = {"filter": found, "page_obj": page, "activities": page, "may_log": logging_officer(request.user)}
        return render(request, "activity/staff/outreach_list.html", context)
