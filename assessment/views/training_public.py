"""The public training page (/dashboard/training/, no sign-in): a district's training of a school year, held and
scheduled, with no attendee's name; officers' counts only through core suppression."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.models import District
from assessment.figures import training as training_figures
from assessment.services.training import training_public_events, training_public_summary
from assessment.views.training_forms import PublicTrainingForm
from core.csv_export import csv_response
from core.schoolyear import school_year_label, school_year_of
from core.suppression import Shown

PAGE_SIZE = 30


def _chosen(request):
    """The form and the district and school year it asks for (the first district and this year by default)."""
    form = PublicTrainingForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    district = data.get("district") or District.objects.order_by("name").first()
    return form, district, data.get("school_year") or school_year_of(timezone.localdate())


class PublicTrainingView(View):
    def get(self, request):
        form, district, year = _chosen(request)
        context = {"form": form, "district": district, "year_label": school_year_label(year), "year": year}
        if district is not None:
            events = training_public_events(district=district, school_year=year)
            page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
            context.update(
                page_obj=page,
                held=[public for public in page if public.held],
                scheduled=[public for public in page if not public.held],
                summary=training_public_summary(
                    district=district,
                    school_year=year,
                    published=training_figures.published(district=district, school_year=year),
                ),
                threshold=district.suppression_threshold,
            )
        return render(request, "assessment/training/public.html", context)


class PublicTrainingCsvView(View):
    """The page's events as open data: the same rows, the officers' count suppressed as on the page."""

    def get(self, request):
        _form, district, year = _chosen(request)
        events = training_public_events(district=district, school_year=year) if district else []
        header = [_("School year"), _("Date"), _("Training"), _("Hours"), _("Topics"), _("For")]
        header += [_("Joint with school staff"), _("Held"), _("Officers attending")]
        rows = (_row(public, year) for public in events)
        name = f"training-{district.slug if district else 'none'}-{year}.csv"
        return csv_response(filename=name, header=[str(h) for h in header], rows=rows)


def _row(public, year: int) -> list:
    event = public.event
    return [
        school_year_label(year),
        event.date.isoformat(),
        event.title,
        event.hours,
        "; ".join(topic.code for topic in event.topics.all()),
        "; ".join(event.audience),
        _yes(event.joint_with_school_staff),
        _yes(public.held),
        _count(public.officers) if public.held else "",
    ]


def _yes(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


def _count(value: Shown):
    return str(_("suppressed")) if value.suppressed else value.value
