from django.contrib import admin

from core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, written by core.audit.audit_record."""

    list_display = ("created_at", "actor_repr", "kind", "action", "content_type", "object_repr", "note", "ip_address")
    # Events with no district (failed sign-ins for unknown addresses) are read only here.
    list_filter = ("kind", "action", "content_type")
    search_fields = ("actor_repr", "object_repr", "object_id", "note")
    date_hierarchy = "created_at"
    list_select_related = ("content_type",)
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
