from django.contrib import admin
from django.contrib.admin import actions as django_actions
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, District, Membership, Officer, RosterAssignment, School, User
from core.audit import audit_admin_entry, district_id_of


@admin.action(permissions=["delete"], description=django_actions.delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, with an audit event for every record it deletes.

    Django logs a deletion of several records with one bulk insert, which sends
    no post_save signal (accounts.signals audits the single ones): the events
    for those entries are written here, in the same transaction as the deletion,
    with each record's district read before it is gone.
    """
    with transaction.atomic():
        districts = {str(obj.pk): district_id_of(obj) for obj in queryset}
        last_before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = django_actions.delete_selected(modeladmin, request, queryset)
        if response is None:  # confirmed and deleted (otherwise: the confirmation page)
            entries = list(
                LogEntry.objects.filter(
                    pk__gt=last_before,
                    user=request.user,
                    action_flag=DELETION,
                    content_type=ContentType.objects.get_for_model(queryset.model, for_concrete_model=False),
                ).order_by("pk")
            )
            if len(entries) > 1:
                for entry in entries:
                    audit_admin_entry(entry, district_id=districts.get(entry.object_id))
    return response


# Replaces Django's action of the same name on every model of the admin site.
admin.site.add_action(delete_selected, "delete_selected")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["district", "school", "agency"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "preferred_language"]}),
        (_("Operator access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "district"]
    list_filter = ["district"]
    search_fields = ["name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    search_fields = ["name"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "badge_number", "agency"]
    list_filter = ["agency"]
    search_fields = ["full_name", "badge_number"]


@admin.register(RosterAssignment)
class RosterAssignmentAdmin(admin.ModelAdmin):
    list_display = ["officer", "school", "starts_on", "ends_on"]
    list_filter = ["school"]
