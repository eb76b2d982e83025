from django.contrib import admin

from complaints.models import Recusal


@admin.register(Recusal)
class RecusalAdmin(admin.ModelAdmin):
    """Operators mark people conflicted on a complaint; they then never see or act on it."""

    list_display = ["complaint", "user", "reason"]
    search_fields = ["complaint__tracking_code", "user__email"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["complaint"]
