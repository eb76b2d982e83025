"""The end of the annual assessment: its JSON summary, and its publication as a release."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from assessment.models import AdvisoryNoteKind, AgreedScore, AnnualProcess, Score, Stage
from assessment.services.evidence import goals_section, work_plans_section
from assessment.services.releases import release_publish
from core.audit import AuditKind, audit_record


def _name(user) -> str:
    # Published: a person's name as they gave it, never their address.
    return user.full_name if user is not None else ""


def _rubric(assessment: AnnualProcess) -> list[dict]:
    scores = {(s.criterion_id, s.side): s.score for s in Score.objects.filter(assessment=assessment)}
    agreed = {a.criterion_id: a for a in AgreedScore.objects.filter(assessment=assessment)}
    criteria = assessment.scored_criteria()
    rows = []
    for criterion in criteria:
        agreement = agreed.get(criterion.pk)
        rows.append(
            {
                "code": criterion.code,
                "section": criterion.section,
                "title_en": criterion.title_en,
                "title_es": criterion.title_es,
                "evidence": list(criterion.evidence),
                "levels": [
                    {"score": level.score, "label_en": level.label_en, "label_es": level.label_es}
                    for level in criterion.levels.all()
                ],
                "district_score": scores.get((criterion.pk, "district")),
                "agency_score": scores.get((criterion.pk, "agency")),
                "agreed_score": agreement.score if agreement else None,
                "agreed_note": agreement.note if agreement else "",
            }
        )
    return rows


def _headline(rubric: list[dict], recommendations: int, dissents: int, language: str) -> str:
    agreed = [row["agreed_score"] for row in rubric if row["agreed_score"] is not None]
    top = max((level["score"] for row in rubric for level in row["levels"]), default=0)
    average = sum(agreed) / len(agreed) if agreed else 0
    with translation.override(language):
        # Each count chooses its own plural form, and the average is written as the language writes decimals.
        scores = ngettext(
            "%(n)s criterion scored, agreed score %(average)s of %(top)s on average",
            "%(n)s criteria scored, agreed score %(average)s of %(top)s on average",
            len(agreed),
        ) % {"n": len(agreed), "average": number_format(average, decimal_pos=1), "top": top}
        said = ngettext("%(count)s recommendation", "%(count)s recommendations", recommendations) % {
            "count": recommendations
        }
        dissented = ngettext("%(count)s dissent", "%(count)s dissents", dissents) % {"count": dissents}
        return gettext("%(scores)s; %(recommendations)s; %(dissents)s.") % {
            "scores": scores,
            "recommendations": said,
            "dissents": dissented,
        }


def annual_summary(*, assessment: AnnualProcess) -> dict:
    """What the published assessment says: the rubric with both sides' and the agreed scores and notes,
    the goals, the work plans, the advisory team's recommendations, sign-offs and dissents, and the approvals."""
    notes = list(assessment.advisory_notes.filter(kind=AdvisoryNoteKind.RECOMMENDATION).select_related("author"))
    rubric = _rubric(assessment)
    dissents = assessment.sign_offs.filter(agrees=False).count()
    return {
        # One line for the dashboard's table of published assessments, in both languages.
        "summary": _headline(rubric, len(notes), dissents, "en"),
        "summary_es": _headline(rubric, len(notes), dissents, "es"),
        "district": assessment.district.name,
        "school_year": assessment.school_year,
        "year_label": assessment.year_label,
        "rubric": rubric,
        "goals": goals_section(district=assessment.district, school_year=assessment.school_year),
        "work_plans": work_plans_section(district=assessment.district, school_year=assessment.school_year),
        "recommendations": [{"text": n.body, "by": _name(n.author)} for n in notes],
        "sign_offs": [
            {"member": _name(s.member), "agrees": s.agrees, "reason": s.reason}
            for s in assessment.sign_offs.select_related("member")
        ],
        "approvals": [
            {"approver": a.approver, "by": _name(a.by), "at": a.at.isoformat(), "note": a.note}
            for a in assessment.approvals.select_related("by")
        ],
    }


@transaction.atomic
def annual_publish(*, assessment: AnnualProcess) -> AnnualProcess:
    """Freezes the summary of an approved assessment and publishes it as the next release of its
    district's school year (``assessment.services.releases``). Returns the assessment."""
    assessment.summary = annual_summary(assessment=assessment)
    last = assessment.approvals.select_related("by").order_by("-at", "-pk").first()
    by = last.by if last else None
    release = release_publish(
        district=assessment.district, school_year=assessment.school_year, assessment=assessment.summary, by=by
    )
    assessment.release_id = release.pk
    assessment.stage = Stage.PUBLISHED
    assessment.save(update_fields=["summary", "stage", "release_id"])
    audit_record(actor=by, kind=AuditKind.ANNUAL_PUBLISHED, obj=assessment, note=timezone.localdate().isoformat())
    return assessment
