"""Staff pages of the training records: events (coordinators add and change them, record attendance), the required
hours, and each SRO's compliance (the coordinator and superintendent their district's, the agency head their agency's
officers, an SRO their own). Every page is audited."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.models import District, Officer
from accounts.rules import may_use_assessment
from accounts.rules.assessment import (
    get_managed_training_event,
    may_manage_training,
    training_compliance_district_ids,
    training_compliance_q,
    training_events_for,
    training_managed_district_ids,
)
from assessment.models import TrainingRequirement
from assessment.services.training import training_compliance
from assessment.services.training_records import (
    training_attendance_set,
    training_event_change,
    training_event_create,
    training_requirement_set,
)
from assessment.views.training_forms import (
    AttendanceForm,
    ComplianceForm,
    RequirementForm,
    TrainingEventFilter,
    TrainingEventForm,
)
from core.audit import AuditKind, audit_record
from core.schoolyear import school_year_label

PAGE_SIZE = 25


class TrainingAreaView(View):
    """The training pages exist for the assessment's roles; 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if not may_use_assessment(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def audit_viewed(self, obj=None, note: str = ""):
        audit_record(
            actor=self.request.user,
            kind=AuditKind.TRAINING_VIEWED,
            obj=obj,
            note=(note or self.request.GET.urlencode())[:300],
            request=self.request,
        )


class ManagedDistrictsMixin:
    """Pages only a district's coordinator opens (404 for anyone else)."""

    def managed_districts(self):
        ids = training_managed_district_ids(self.request.user)
        if not ids:
            raise Http404
        return District.objects.filter(pk__in=sorted(ids)).order_by("name")


class EventListView(TrainingAreaView):
    def get(self, request):
        events = training_events_for(request.user).prefetch_related("topics").order_by("-date", "pk")
        found = TrainingEventFilter(request.GET or None, queryset=events)
        listed = found.qs if found.is_bound and found.is_valid() else events
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
        self.audit_viewed()
        context = {
            "filter": found,
            "page_obj": page,
            "events": page,
            "may_manage": may_manage_training(request.user),
            "may_read_compliance": bool(training_compliance_district_ids(request.user)),
        }
        return render(request, "assessment/training/index.html", context)


class EventAddView(ManagedDistrictsMixin, TrainingAreaView):
    def get(self, request, form=None):
        districts = self.managed_districts()
        form = form or TrainingEventForm(districts=districts, initial={"district": districts[0].pk})
        return render(request, "assessment/training/event_form.html", {"form": form})

    def post(self, request):
        form = TrainingEventForm(request.POST, districts=self.managed_districts())
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        event = training_event_create(
            district=data["district"], fields=data, topics=list(data["topics"]), by=request.user, request=request
        )
        messages.success(request, _("The training event is saved. Record who attended once it is held."))
        return redirect("staff:assessment:training_event", pk=event.pk)


class EventEditView(TrainingAreaView):
    def get(self, request, pk, form=None):
        event = get_managed_training_event(request.user, pk)
        form = form or TrainingEventForm(instance=event, districts=District.objects.filter(pk=event.district_id))
        return render(request, "assessment/training/event_form.html", {"form": form, "event": event})

    def post(self, request, pk):
        event = get_managed_training_event(request.user, pk)
        form = TrainingEventForm(request.POST, instance=event, districts=District.objects.filter(pk=event.district_id))
        if not form.is_valid():
            return self.get(request, pk, form=form)
        data = form.cleaned_data
        training_event_change(event=event, fields=data, topics=list(data["topics"]), by=request.user, request=request)
        messages.success(request, _("The training event is saved."))
        return redirect("staff:assessment:training_event", pk=event.pk)


class EventDetailView(TrainingAreaView):
    """One event with who attended; the attendance form posts back here."""

    def get(self, request, pk, form=None):
        event = get_managed_training_event(request.user, pk)
        attendance = event.attendance.select_related("officer__agency", "user").order_by("pk")
        if form is None:
            initial = {
                "officers": [row.officer_id for row in attendance if row.officer_id],
                "people": [row.user_id for row in attendance if row.user_id],
            }
            form = AttendanceForm(event=event, initial=initial)
            self.audit_viewed(obj=event, note="attendance")
        context = {"event": event, "attendance": attendance, "form": form}
        return render(request, "assessment/training/event.html", context)

    def post(self, request, pk):
        event = get_managed_training_event(request.user, pk)
        form = AttendanceForm(request.POST, event=event)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        data = form.cleaned_data
        training_attendance_set(
            event=event, officers=data["officers"], users=data["people"], by=request.user, request=request
        )
        messages.success(request, _("Attendance is saved."))
        return redirect("staff:assessment:training_event", pk=event.pk)


class RequirementsView(ManagedDistrictsMixin, TrainingAreaView):
    """The hours each role needs each school year, overall and per topic."""

    def get(self, request, form=None):
        districts = self.managed_districts()
        form = form or RequirementForm(districts=districts)
        rows = (
            TrainingRequirement.objects.filter(district__in=districts)
            .select_related("district", "topic")
            .order_by("district__name", "role", "topic__position")
        )
        self.audit_viewed(note="requirements")
        return render(request, "assessment/training/requirements.html", {"form": form, "requirements": rows})

    def post(self, request):
        form = RequirementForm(request.POST, districts=self.managed_districts())
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        training_requirement_set(
            district=data["district"],
            role=data["role"],
            topic=data["topic"],
            hours=data["hours"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("The requirement is saved."))
        return redirect("staff:assessment:training_requirements")


class ComplianceView(TrainingAreaView):
    """Each SRO's hours in one school year against the district's requirements, as far as the person reaches."""

    def get(self, request):
        ids = training_compliance_district_ids(request.user)
        if not ids:
            raise Http404
        districts = District.objects.filter(pk__in=sorted(ids)).order_by("name")
        form = ComplianceForm(request.GET or None, districts=districts)
        district, year = form.chosen(districts)
        officers = Officer.objects.filter(training_compliance_q(request.user, district.pk))
        rows = training_compliance(district=district, school_year=year, officers=officers)
        page = Paginator(rows, PAGE_SIZE * 2).get_page(request.GET.get("page"))
        self.audit_viewed(note=f"compliance district={district.pk} year={year}")
        context = {
            "form": form,
            "district": district,
            "year_label": school_year_label(year),
            "rows": page,
            "page_obj": page,
            "topics": [topic.topic for topic in rows[0].topics] if rows else [],
        }
        return render(request, "assessment/training/compliance.html", context)
