from django.shortcuts import redirect


def task_redirect(request, **kwargs):
    """Where viewflow's own task URLs would lead: the complaint's case page."""
    return redirect("staff:reviews:case", complaint_id=request.activation.process.complaint_id)
