"""The list of every complaint a person may see, searched and paged."""

from django.shortcuts import render

from accounts.rules import may_record_intake
from core.audit import AuditKind, audit_record
from workflows.review import cases
from workflows.review.cases import CappedPaginator, CaseFilter, case_rows
from workflows.review.views import ReviewerView


class CaseListView(ReviewerView):
    """All complaints the person may see, filtered; every page link keeps the
    search. Listing is audited with the search it used."""

    def get(self, request):
        filterset = CaseFilter(request.GET, user=request.user)
        page = CappedPaginator(case_rows(filterset.qs)).get_page(request.GET.get("page"))
        audit_record(actor=request.user, kind=AuditKind.CASES_SEARCHED, obj=None, note=request.GET.urlencode()[:500])
        context = {
            "filter": filterset,
            "page": page,
            "count_cap": cases.COUNT_CAP,
            "may_record": may_record_intake(request.user),
        }
        return render(request, "workflows/review/case_list.html", context)
