"""The annual report's PDF, downloadable from the dashboard (a translated page when PDFs cannot be made here)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views import View

from assessment.models import Release
from assessment.services.report_pdf import LANGUAGES, report_pdf
from core.pdf import PdfUnavailable


class ReportPdfView(View):
    def get(self, request, pk: int, language: str):
        if language not in LANGUAGES:
            raise Http404
        release = get_object_or_404(Release.objects.select_related("district"), pk=pk)
        try:
            pdf = report_pdf(release=release, language=language)
        except PdfUnavailable:
            return render(request, "assessment/report/unavailable.html", {"release": release}, status=503)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"{release.district.slug}-{release.school_year}-v{release.version}-{language}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=name)
        return response
