from django.conf import settings


def site(request):
    """Settings every page template may need."""
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
