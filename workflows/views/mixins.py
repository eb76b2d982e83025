from django.http import Http404

from accounts.rules import is_coordinator


class CoordinatorRequiredMixin:
    """Only a district coordinator may open the page; anyone else gets 404.

    The staff middleware has already required sign-in, a staff role and MFA.
    Views load their district or closure in ``load_objects`` (which answers
    404 for another district's records) before handling the request.
    """

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        pass
