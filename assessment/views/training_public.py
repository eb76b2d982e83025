"""The public training page (/dashboard/training/, no sign-in): a district's training of a school year, held and
scheduled, with no attendee's name; officers' counts only through core suppression."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from accounts.models import District
from assessment.services.training import training_public_events, training_public_summary
from assessment.views.training_forms import PublicTrainingForm
from core.schoolyear import school_year_label, school_year_of

PAGE_SIZE = 30


class PublicTrainingView(View):
    def get(self, request):
        districts = District.objects.order_by("name")
        form = PublicTrainingForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        district = data.get("district") or districts.first()
        year = data.get("school_year") or school_year_of(timezone.localdate())
        context = {"form": form, "district": district, "year_label": school_year_label(year)}
        if district is not None:
            events = training_public_events(district=district, school_year=year)
            page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
            context.update(
                page_obj=page,
                held=[public for public in page if public.held],
                scheduled=[public for public in page if not public.held],
                summary=training_public_summary(district=district, school_year=year),
                threshold=district.suppression_threshold,
            )
        return render(request, "assessment/training/public.html", context)
