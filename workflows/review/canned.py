"""Coordinators keep canned responses for their district; staff start a message from one."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from accounts.access import scope_for
from accounts.models import District, Role
from core.audit import AuditKind, audit_record, changes_between, instance_values
from workflows.models import CannedResponse


class CannedResponseForm(forms.ModelForm):
    class Meta:
        model = CannedResponse
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


def _coordinator_district(user) -> District:
    districts = scope_for(user).district_ids(Role.COORDINATOR)
    if not districts:
        raise Http404
    return District.objects.get(pk=min(districts))


class CannedListView(View):
    def get(self, request):
        district = _coordinator_district(request.user)
        return render(
            request,
            "workflows/review/canned_list.html",
            {
                "responses": CannedResponse.objects.filter(district=district),
                "form": CannedResponseForm(),
            },
        )

    def post(self, request):
        district = _coordinator_district(request.user)
        form = CannedResponseForm(request.POST)
        if not form.is_valid():
            responses = CannedResponse.objects.filter(district=district)
            return render(request, "workflows/review/canned_list.html", {"responses": responses, "form": form})
        response = form.save(commit=False)
        response.district = district
        response.save()
        audit_record(actor=request.user, kind=AuditKind.CANNED_CREATED, obj=response, district_id=district.pk)
        return redirect("staff:reviews:canned")


class CannedEditView(View):
    def _get(self, request, pk):
        district = _coordinator_district(request.user)
        return get_object_or_404(CannedResponse, pk=pk, district=district)

    def get(self, request, pk):
        canned = self._get(request, pk)
        return render(request, "workflows/review/canned_edit.html", {"form": CannedResponseForm(instance=canned)})

    def post(self, request, pk):
        canned = self._get(request, pk)
        if "delete" in request.POST:
            audit_record(actor=request.user, kind=AuditKind.CANNED_DELETED, obj=canned, district_id=canned.district_id)
            canned.delete()
            return redirect("staff:reviews:canned")
        before = instance_values(canned)
        form = CannedResponseForm(request.POST, instance=canned)
        if not form.is_valid():
            return render(request, "workflows/review/canned_edit.html", {"form": form})
        form.save()
        audit_record(
            actor=request.user,
            kind=AuditKind.CANNED_CHANGED,
            obj=canned,
            changes=changes_between(before, canned),
            district_id=canned.district_id,
        )
        return redirect("staff:reviews:canned")
