"""Coordinators keep canned responses for their district; staff start a message from one."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from accounts.rules import coordinated_districts
from core.audit import AuditKind, audit_record, changes_between, instance_values
from workflows.models import CannedResponse


class CannedResponseForm(forms.ModelForm):
    class Meta:
        model = CannedResponse
        fields = ["district", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if len(districts) == 1:
            self.fields["district"].initial = districts[0]


class CannedListView(View):
    """Every district the coordinator coordinates, each with its own responses."""

    def get(self, request):
        districts = coordinated_districts(request.user)
        return self._render(request, CannedResponseForm(districts=districts), districts)

    def post(self, request):
        districts = coordinated_districts(request.user)
        form = CannedResponseForm(request.POST, districts=districts)
        if not form.is_valid():
            return self._render(request, form, districts)
        response = form.save()
        audit_record(actor=request.user, kind=AuditKind.CANNED_CREATED, obj=response, district_id=response.district_id)
        return redirect("staff:reviews:canned")

    def _render(self, request, form, districts):
        responses = CannedResponse.objects.filter(district__in=districts).select_related("district")
        return render(request, "workflows/review/canned_list.html", {"responses": responses, "form": form})


class CannedEditView(View):
    def _get(self, request, pk):
        return get_object_or_404(CannedResponse, pk=pk, district__in=coordinated_districts(request.user))

    def get(self, request, pk):
        canned = self._get(request, pk)
        form = CannedResponseForm(instance=canned, districts=coordinated_districts(request.user))
        return render(request, "workflows/review/canned_edit.html", {"form": form})

    def post(self, request, pk):
        canned = self._get(request, pk)
        if "delete" in request.POST:
            audit_record(actor=request.user, kind=AuditKind.CANNED_DELETED, obj=canned, district_id=canned.district_id)
            canned.delete()
            return redirect("staff:reviews:canned")
        before = instance_values(canned)
        form = CannedResponseForm(request.POST, instance=canned, districts=coordinated_districts(request.user))
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
