from accounts.access import is_program_staff


def staff_navigation(request):
    """Lets the page header offer the staff area to staff."""
    user = getattr(request, "user", None)
    return {"show_staff_link": bool(user and user.is_authenticated and (is_program_staff(user) or user.is_staff))}
