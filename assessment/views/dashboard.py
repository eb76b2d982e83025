"""The public dashboard (/dashboard/): no sign-in, indexable, drawn from the latest published release.

What is published is cached (``assessment.services.releases``: every key carries the publication generation, so a
publication empties it): the list of districts, years and schools, and the body of the page for each district, year,
school and language. The page around it (header, language switcher with its CSRF token) is rendered per request.
"""

import django_filters
from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.models import School
from assessment.figures.base import ALL
from assessment.models import Release
from assessment.services.releases import dashboard_generation, release_diff
from assessment.views.dashboard_cache import cached
from assessment.views.dashboard_tables import cell_text, csv_rows, is_percent, scope_name, shown_tables, text
from core.csv_export import csv_response
from core.i18n import current_language
from core.schoolyear import school_year_label


def catalogue(generation: int) -> list[dict]:
    """Every district with a release: its years (newest first) and its schools, cached until the next publication
    (``generation``: ``dashboard_generation()``, read once per request)."""
    return cached(f"dashboard:{generation}:catalogue", _catalogue)


def _catalogue() -> list[dict]:
    years: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    rows = Release.objects.values_list("district_id", "district__name", "school_year").distinct()
    for district_id, name, year in rows.order_by("district__name", "-school_year"):
        names[district_id] = name
        if year not in years.setdefault(district_id, []):
            years[district_id].append(year)
    schools: dict[int, list] = {}
    found = School.objects.filter(district_id__in=names).order_by("name", "pk")
    for pk, name, district_id in found.values_list("pk", "name", "district_id"):
        schools.setdefault(district_id, []).append((str(pk), name))
    return [{"id": pk, "name": names[pk], "years": years[pk], "schools": schools.get(pk, [])} for pk in names]


class DashboardFilter(django_filters.FilterSet):
    """The dashboard's choices: district (when there are several), school year and school."""

    district = django_filters.ChoiceFilter(label=_("District"), empty_label=None)
    school_year = django_filters.ChoiceFilter(label=_("School year"), empty_label=None)
    school = django_filters.ChoiceFilter(label=_("School"), empty_label=_("Whole district"))

    class Meta:
        model = Release
        fields = ["district", "school_year", "school"]

    def __init__(self, data=None, *, districts: list[dict], **kwargs):
        chosen = _chosen_district(data, districts)
        values = {"district": str(chosen["id"]), "school_year": str(chosen["years"][0]), "school": ""}
        values.update({name: data.get(name) for name in ("school_year", "school") if data and data.get(name)})
        super().__init__(values, queryset=Release.objects.none(), **kwargs)
        self.district = chosen
        self.filters["district"].extra["choices"] = [(str(d["id"]), d["name"]) for d in districts]
        self.filters["school_year"].extra["choices"] = [(str(y), school_year_label(y)) for y in chosen["years"]]
        self.filters["school"].extra["choices"] = chosen["schools"]
        if len(districts) == 1:
            self.filters["district"].extra["widget"] = forms.HiddenInput

    def choice(self) -> tuple[dict, int, str]:
        """The district, school year and scope chosen (the defaults where a choice is invalid)."""
        self.form.is_valid()  # the fields that are valid are in cleaned_data even when another is not
        cleaned = self.form.cleaned_data
        year = int(cleaned.get("school_year") or self.district["years"][0])
        return self.district, year, cleaned.get("school") or ALL


def _chosen_district(data, districts: list[dict]) -> dict:
    wanted = (data or {}).get("district")
    return next((d for d in districts if str(d["id"]) == str(wanted)), districts[0])


def _release_query(district: dict, year: int) -> str:
    return f"?district={district['id']}&school_year={year}"


def _body(generation: int, district: dict, year: int, scope: str) -> str:
    """The page's body for one district, year, school and language (cached until the next publication)."""
    key = f"dashboard:{generation}:body:{district['id']}:{year}:{scope}:{current_language()}"
    return cached(key, lambda: _body_render(district, year, scope))


def _body_render(district: dict, year: int, scope: str) -> str:
    release = Release.objects.latest_of(district=district["id"], school_year=year)
    snapshot = release.snapshot
    context = {
        "release": release,
        "district": district,
        "year_label": school_year_label(year),
        "scope": scope,
        "scope_name": scope_name(snapshot, scope),
        "tables": shown_tables(snapshot, scope),
        "threshold": snapshot.get("threshold"),
        "query": _release_query(district, year),
    }
    return render_to_string("assessment/dashboard/body.html", context)


class DashboardView(View):
    def get(self, request):
        generation = dashboard_generation()
        districts = catalogue(generation)
        if not districts:
            return render(request, "assessment/dashboard/empty.html")
        filterset = DashboardFilter(request.GET or None, districts=districts)
        district, year, scope = filterset.choice()
        body = _body(generation, district, year, scope)
        context = {
            "filter": filterset,
            "body": mark_safe(body),  # noqa: S308 - our own template's output, escaped when it was rendered
            "district": district,
            "year_label": school_year_label(year),
        }
        return render(request, "assessment/dashboard/index.html", context)


class TableCsvView(View):
    """One table of one release as an open-data CSV file (every school and the district)."""

    def get(self, request, pk: int, key: str):
        cache_key = f"dashboard:{dashboard_generation()}:csv:{pk}:{key}:{current_language()}"
        found = cached(cache_key, lambda: _csv_file(pk, key))
        if not found:
            raise Http404
        name, header, rows = found
        return csv_response(filename=name, header=header, rows=rows)


def _csv_file(pk: int, key: str) -> tuple | bool:
    """(file name, header, rows) of one table of a frozen release; False when there is no such table."""
    release = Release.objects.select_related("district").filter(pk=pk).first()
    table = next((t for t in release.snapshot.get("tables", []) if t["key"] == key), None) if release else None
    if table is None:
        return False
    header, rows = csv_rows(release.snapshot, table)
    name = f"{release.district.slug}-{release.school_year}-v{release.version}-{key}-{current_language()}.csv"
    return name, header, rows


class MethodologyView(View):
    """How the figures are made, and the data dictionary of every table of the chosen release."""

    def get(self, request):
        generation = dashboard_generation()
        districts = catalogue(generation)
        if not districts:
            return render(request, "assessment/dashboard/methodology.html", {"tables": []})
        district, year, _scope = DashboardFilter(request.GET or None, districts=districts).choice()
        key = f"dashboard:{generation}:methodology:{district['id']}:{year}:{current_language()}"
        context = cached(key, lambda: _methodology(district, year))
        return render(request, "assessment/dashboard/methodology.html", context)


def _methodology(district: dict, year: int) -> dict:
    release = Release.objects.latest_of(district=district["id"], school_year=year)
    return {
        "district": district,
        "year_label": school_year_label(year),
        "threshold": release.snapshot.get("threshold"),
        "tables": shown_tables(release.snapshot, charts=False),
    }


def changes_context(release: Release) -> dict:
    """What changed between ``release`` and the version before it, in words a reader follows."""
    older = (
        Release.objects.filter(district=release.district, school_year=release.school_year, version__lt=release.version)
        .order_by("-version")
        .first()
    )
    tables = {t["key"]: t for t in release.snapshot.get("tables", [])}
    if older:
        tables = {t["key"]: t for t in older.snapshot.get("tables", [])} | tables
    changes = []
    for change in release_diff(older=older, newer=release) if older else []:
        table = tables[change.table]
        row = next((r for r in table["rows"] if r["key"] == change.row), None)
        column = table["columns"][change.column] if change.column < len(table["columns"]) else None
        percent = is_percent(table, row, column)
        changes.append(
            {
                "table": text(table["title"]),
                "row": text(row["label"]) if row else change.row,
                "column": text(column["label"]) if column else "",
                "scope": scope_name(release.snapshot, change.scope),
                "before": cell_text(change.before, percent=percent),
                "after": cell_text(change.after, percent=percent),
            }
        )
    year_label = school_year_label(release.school_year)
    return {"release": release, "older": older, "changes": changes, "year_label": year_label}


class ChangesView(View):
    """The public list of differences between a release and the version before it (a correction)."""

    def get(self, request, pk: int):
        release = get_object_or_404(Release.objects.select_related("district"), pk=pk)
        return render(request, "assessment/dashboard/changes.html", changes_context(release))
