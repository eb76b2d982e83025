from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "core/home.html"


class ComingSoonView(TemplateView):
    """A placeholder page for a part of the site whose issue has not landed."""

    template_name = "core/coming_soon.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)
