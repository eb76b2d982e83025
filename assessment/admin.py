"""Operators keep the training topic catalogue here (add a topic, retire one by unticking ``active``; codes stay).

Events, attendance and "you said, we did" entries are managed on the scoped staff pages, which audit each change.
Admin changes are audited by accounts.signals like every other admin change.
"""

from django.contrib import admin

from assessment.models import TrainingTopic


@admin.register(TrainingTopic)
class TrainingTopicAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_es", "source", "position", "active")
    list_filter = ("source", "active")
    search_fields = ("code", "name_en", "name_es")

    def get_readonly_fields(self, request, obj=None):
        # Requirements and reports name topics by code: it never changes once saved.
        return ("code",) if obj else ()
