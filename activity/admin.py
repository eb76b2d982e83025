"""Operators keep each district's offence list and enter enrolment here (until imports exist).

Events and activities are not in the admin site: they hold student demographics
and are read only through the scoped staff pages. Admin changes are audited by
accounts.signals like every other admin change.
"""

from django.contrib import admin

from activity.models import Enrolment, Offence


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_es", "district", "public_order", "active")
    list_filter = ("district", "public_order", "active")
    search_fields = ("name_en", "name_es", "code")


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("school", "school_year", "dimension", "value", "count")
    list_filter = ("school_year", "dimension", "school__district")
    list_select_related = ("school",)
