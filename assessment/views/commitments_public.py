"""The public "you said, we did" page (/dashboard/you-said-we-did/, no sign-in): each published concern, where it
came from, the action, its owner, due date, status and dated timeline, grouped by status."""

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render
from django.views import View

from assessment.services.commitments import STATUS_ORDER, by_status, public_commitments, source_names_attach
from assessment.views.commitments_forms import PublicCommitmentFilter

PAGE_SIZE = 30


class PublicCommitmentsView(View):
    def get(self, request):
        rank = Case(
            *(When(status=status, then=Value(position)) for position, status in enumerate(STATUS_ORDER)),
            output_field=IntegerField(),
        )
        entries = public_commitments().annotate(status_rank=rank).order_by("status_rank", "due_on", "pk")
        found = PublicCommitmentFilter(request.GET or None, queryset=entries)
        listed = found.qs if found.is_bound and found.is_valid() else entries
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
        source_names_attach(page)
        context = {"filter": found, "page_obj": page, "groups": by_status(page)}
        return render(request, "assessment/commitments/public.html", context)
