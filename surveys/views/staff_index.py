"""The staff list of surveys a person may build or read."""

from django.views.generic import ListView

from accounts.rules import SurveyRule, is_coordinator, surveys_for


class SurveyIndexView(ListView):
    template_name = "surveys/staff/index.html"
    context_object_name = "surveys"
    paginate_by = 25

    def get_queryset(self):
        readable = surveys_for(self.request.user, SurveyRule.RESULTS)
        authored = surveys_for(self.request.user, SurveyRule.AUTHOR)
        return (readable | authored).select_related("district").order_by("-opens_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(may_author=is_coordinator(self.request.user), **kwargs)
        shown = [survey.pk for survey in context["surveys"]]
        # Which of the shown surveys this person may build: one query for the page.
        context["authored"] = set(
            surveys_for(self.request.user, SurveyRule.AUTHOR).filter(pk__in=shown).values_list("pk", flat=True)
        )
        context["readable"] = set(
            surveys_for(self.request.user, SurveyRule.RESULTS)
            .filter(pk__in=shown, published_at__isnull=False)
            .values_list("pk", flat=True)
        )
        return context
