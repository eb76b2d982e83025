"""Staff pages of "you said, we did": the district's entries (read by the assessment's roles), added, changed and
updated by its coordinators. Every page is audited."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.models import District
from accounts.rules import may_use_assessment
from accounts.rules.assessment import commitment_district_ids, commitments_for, get_commitment_to_write
from assessment.services.commitments import (
    commitment_change,
    commitment_create,
    commitment_update_add,
    source_names_attach,
)
from assessment.views.commitments_forms import CommitmentFilter, CommitmentForm, CommitmentUpdateForm
from core.audit import AuditKind, audit_record

PAGE_SIZE = 25


class CommitmentAreaView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_use_assessment(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def written_districts(self):
        ids = commitment_district_ids(self.request.user)
        if not ids:
            raise Http404
        return District.objects.filter(pk__in=sorted(ids)).order_by("name")


class CommitmentListView(CommitmentAreaView):
    def get(self, request):
        entries = commitments_for(request.user).select_related("district").order_by("-school_year", "due_on", "pk")
        found = CommitmentFilter(request.GET or None, queryset=entries)
        listed = found.qs if found.is_bound and found.is_valid() else entries
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
        source_names_attach(page)
        audit_record(
            actor=request.user,
            kind=AuditKind.COMMITMENTS_VIEWED,
            obj=None,
            note=request.GET.urlencode()[:300],
            request=request,
        )
        may_write = bool(commitment_district_ids(request.user))
        context = {"filter": found, "page_obj": page, "commitments": page, "may_write": may_write}
        return render(request, "assessment/commitments/index.html", context)


class CommitmentAddView(CommitmentAreaView):
    def get(self, request, form=None):
        form = form or CommitmentForm(districts=self.written_districts())
        return render(request, "assessment/commitments/form.html", {"form": form})

    def post(self, request):
        form = CommitmentForm(request.POST, districts=self.written_districts())
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        commitment = commitment_create(district=data["district"], fields=data, by=request.user, request=request)
        messages.success(request, _("The entry is saved."))
        return redirect("staff:assessment:commitment", pk=commitment.pk)


class CommitmentView(CommitmentAreaView):
    """One entry: its fields (changed here) and its timeline (an update is added from this page)."""

    def get(self, request, pk, form=None, update_form=None):
        commitment = get_commitment_to_write(request.user, pk)
        districts = District.objects.filter(pk=commitment.district_id)
        if form is None and update_form is None:
            audit_record(actor=request.user, kind=AuditKind.COMMITMENTS_VIEWED, obj=commitment, request=request)
        context = {
            "commitment": commitment,
            "form": form or CommitmentForm(instance=commitment, districts=districts),
            "update_form": update_form or CommitmentUpdateForm(),
            "updates": commitment.updates.order_by("date", "pk"),
        }
        return render(request, "assessment/commitments/detail.html", context)

    def post(self, request, pk):
        commitment = get_commitment_to_write(request.user, pk)
        form = CommitmentForm(
            request.POST, instance=commitment, districts=District.objects.filter(pk=commitment.district_id)
        )
        if not form.is_valid():
            return self.get(request, pk, form=form)
        data = {name: value for name, value in form.cleaned_data.items() if name != "district"}
        commitment_change(commitment=commitment, fields=data, by=request.user, request=request)
        messages.success(request, _("The entry is saved."))
        return redirect("staff:assessment:commitment", pk=pk)


class CommitmentUpdateAddView(CommitmentView):
    http_method_names = ["post"]

    def post(self, request, pk):
        commitment = get_commitment_to_write(request.user, pk)
        form = CommitmentUpdateForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, update_form=form)
        commitment_update_add(commitment=commitment, fields=form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("The update is added to the timeline."))
        return redirect("staff:assessment:commitment", pk=pk)
