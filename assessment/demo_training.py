"""The demo district's training records and "you said, we did" entries (`seed_demo_assessment_training`, DEMO_MODE
only), made through the real services, and their removal (`purge_demo_assessment_training`).

Events of last school year and this one (held and scheduled), the two demo officers' attendance (so the public page
shows hours and events, and suppressed counts of officers), the district's required hours, and published entries in
every status with their timelines."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import District, Officer, Role, User
from assessment.models import (
    Commitment,
    CommitmentStatus,
    SourceKind,
    TrainingEvent,
    TrainingRequirement,
    TrainingTopic,
)
from assessment.services.commitments import commitment_create, commitment_update_add
from assessment.services.training_records import (
    training_attendance_set,
    training_event_create,
    training_requirement_set,
)
from assessment.training_seed import topics_ensure
from core.schoolyear import school_year_of
from feedback.models import Theme

DEMO_DISTRICT_SLUG = "riverside"
COORDINATOR = "coordinator@demo.commonground.test"
PRINCIPAL = "principal@demo.commonground.test"

# (year offset, month, day, hours, title EN, title ES, topics, audience, joint, who attended)
EVENTS = [
    (-1, 8, 14, "6", "August summit: principals with their SRO", "Cumbre de agosto: direcciones con su SRO",
     ("mou-roles", "child-development", "restorative-practices", "implicit-bias", "privacy-ferpa"),
     (Role.SRO, Role.SCHOOL_ADMIN), True, ("1041", "1187", PRINCIPAL)),
    (-1, 1, 15, "3", "January guidance session for SROs", "Sesión de orientación de enero para SRO",
     ("mou-roles", "youth-rights", "special-education"), (Role.SRO,), False, ("1041", "1187")),
    (-1, 4, 9, "2", "Cultural competency workshop", "Taller de competencia cultural",
     ("cultural-competency",), (Role.SRO, Role.STAFF), True, ("1041",)),
    (0, 8, 13, "6", "August summit: principals with their SRO", "Cumbre de agosto: direcciones con su SRO",
     ("mou-roles", "child-development", "restorative-practices", "implicit-bias", "privacy-ferpa"),
     (Role.SRO, Role.SCHOOL_ADMIN), True, ("1041", "1187", PRINCIPAL)),
    (0, 10, 8, "4", "De-escalation and crisis response", "Desescalada y respuesta ante crisis",
     ("de-escalation", "mental-health", "trauma-informed"), (Role.SRO,), False, ("1041",)),
    (0, 1, 14, "3", "January guidance session for SROs", "Sesión de orientación de enero para SRO",
     ("mou-roles", "youth-rights", "special-education"), (Role.SRO,), False, ()),
    (0, 3, 11, "3", "Disability law, seclusion and restraint", "Discapacidad, aislamiento y contención",
     ("disability-law", "seclusion-restraint", "positive-behaviour"), (Role.SRO, Role.STAFF), True, ()),
]  # fmt: skip
REQUIREMENTS = [
    (Role.SRO, None, "16"),
    (Role.SRO, "de-escalation", "4"),
    (Role.SRO, "mental-health", "2"),
    (Role.SRO, "implicit-bias", "2"),
    (Role.SRO, "privacy-ferpa", "1"),
    (Role.SCHOOL_ADMIN, None, "6"),
]


def _day(school_year: int, offset: int, month: int, day: int) -> datetime.date:
    year = school_year + offset
    return datetime.date(year if month >= 8 else year + 1, month, day)


@transaction.atomic
def demo_training_create(*, today: datetime.date | None = None) -> int:
    """Adds what is missing; returns how many events were made now. Raises District.DoesNotExist without seed_demo."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    coordinator = User.objects.get(email=COORDINATOR)
    topics_ensure(TrainingTopic)
    topics = {topic.code: topic for topic in TrainingTopic.objects.all()}
    year = school_year_of(today or timezone.localdate())
    made = 0
    for offset, month, day, hours, title_en, title_es, codes, audience, joint, present in EVENTS:
        date = _day(year, offset, month, day)
        if TrainingEvent.objects.filter(district=district, title_en=title_en, date=date).exists():
            continue
        fields = {"title_en": title_en, "title_es": title_es, "date": date, "hours": Decimal(hours)}
        fields.update(audience=list(audience), joint_with_school_staff=joint, location="Lincoln High library")
        event = training_event_create(
            district=district, fields=fields, topics=[topics[c] for c in codes], by=coordinator
        )
        officers = Officer.objects.filter(agency__district=district, badge_number__in=present)
        users = User.objects.filter(email__in=present)
        training_attendance_set(event=event, officers=officers, users=users, by=coordinator)
        made += 1
    for role, code, hours in REQUIREMENTS:
        if not TrainingRequirement.objects.filter(district=district, role=role, topic__code=code).exists():
            topic = topics[code] if code else None
            training_requirement_set(district=district, role=role, topic=topic, hours=Decimal(hours), by=coordinator)
    _commitments(district, coordinator, year)
    return made


# (year offset, status, published, source kind, reference, label (EN, ES), concern EN, ES, action EN, ES,
#  owner (EN, ES), due,
#  timeline: (month, day, text EN, text ES, status))
COMMITMENTS = [
    (0, CommitmentStatus.IN_PROGRESS, True, SourceKind.SESSION_THEME, "", ("Complaint process", "Proceso de quejas"),
     "Students did not know where to file a complaint about an officer.",
     "El alumnado no sabía dónde presentar una queja sobre un agente.",
     "A link to the complaint form on every school's home page, and posters with a QR code in every school, in "
     "English and Spanish.",
     "Un enlace al formulario de quejas en la página de cada escuela y carteles con un código QR en todas las "
     "escuelas, en inglés y en español.",
     ("District SRO program coordinator", "Coordinación del programa SRO del distrito"), (1, 31),
     [(9, 10, "Posters designed with the student council.", "Carteles diseñados con el consejo estudiantil.",
       CommitmentStatus.IN_PROGRESS),
      (10, 20, "Posters up in three of the four schools.", "Carteles colocados en tres de las cuatro escuelas.", "")]),
    (-1, CommitmentStatus.DONE, True, SourceKind.SURVEY_ITEM, "SRO-COMPL-1",
     ("Climate survey: I know how to make a complaint about the SRO",
      "Encuesta de clima: Sé cómo presentar una queja sobre el SRO"),
     "Fewer than half of the students knew how to make a complaint about the SRO.",
     "Menos de la mitad del alumnado sabía cómo presentar una queja sobre el SRO.",
     "Each SRO introduces themselves in every homeroom in the first month of school, with the principal.",
     "Cada SRO se presenta en todas las tutorías durante el primer mes de clase, junto con la dirección.",
     ("Principals with each SRO", "Las direcciones escolares con cada SRO"), (9, 30),
     [(8, 20, "Introductions scheduled at all four schools.", "Presentaciones programadas en las cuatro escuelas.",
       CommitmentStatus.IN_PROGRESS),
      (9, 29, "Done at every school.", "Hecho en todas las escuelas.", CommitmentStatus.DONE)]),
    (-1, CommitmentStatus.DONE, True, SourceKind.COMPLAINT_CATEGORY, "bias",
     ("Discrimination or bias", "Discriminación o prejuicio"),
     "Complaints about discrimination or bias rose.",
     "Aumentaron las quejas por discriminación o sesgo.",
     "Implicit bias training added to the August summit and required of every SRO (two hours a year).",
     "Capacitación sobre sesgo implícito añadida a la cumbre de agosto y exigida a cada SRO (dos horas al año).",
     ("Riverside Police Department training officer",
      "Oficial de capacitación del Departamento de Policía de Riverside"),
     (8, 31),
     [(8, 14, "Held at the August summit.", "Realizada en la cumbre de agosto.", CommitmentStatus.DONE)]),
    (0, CommitmentStatus.PLANNED, True, SourceKind.ADVISORY, "2026-R3",
     ("Advisory team, recommendation 3", "Equipo asesor, recomendación 3"),
     "Publish how often officers are called for matters of school discipline.",
     "Publicar con qué frecuencia se llama a los agentes por asuntos de disciplina escolar.",
     "The public dashboard shows calls for service by school every quarter.",
     "El panel público muestra las llamadas de servicio por escuela cada trimestre.",
     ("District SRO program coordinator", "Coordinación del programa SRO del distrito"), (3, 31), []),
    (0, CommitmentStatus.NOT_TAKEN, True, SourceKind.PARTNER_CONCERN, "",
     ("SRO partner feedback, fall semester", "Evaluación entre socios de los SRO, semestre de otoño"),
     "SROs asked to be told when a student they had met returns to school after an absence.",
     "Los SRO pidieron que se les avise cuando un estudiante con quien trataron vuelve a la escuela tras una ausencia.",
     "Not taken forward: student attendance is not shared with the police (FERPA). Principals will call the SRO "
     "when a safety plan asks for it.",
     "No se llevará adelante: la asistencia del alumnado no se comparte con la policía (FERPA). La dirección "
     "llamará al SRO cuando un plan de seguridad lo pida.",
     ("Principals", "Las direcciones escolares"), None,
     [(11, 5, "Discussed with the agency head and the principals.", "Tratado con la jefatura y las direcciones.",
       CommitmentStatus.NOT_TAKEN)]),
    (0, CommitmentStatus.PLANNED, False, SourceKind.SESSION_THEME, "", ("SRO visibility", "Visibilidad del SRO"),
     "Students only see the officer when something is already wrong.",
     "", "Draft: SROs at lunch and at events twice a month.", "",
     ("Principals with each SRO", "Las direcciones escolares con cada SRO"), None, []),
]  # fmt: skip


def _commitments(district, coordinator, year: int) -> None:
    for row in COMMITMENTS:
        # ``status`` is where the timeline leaves the entry (the demo test checks it).
        offset, _status, published, kind, ref, label, concern_en, concern_es, action_en, action_es = row[:10]
        owner, due, timeline = row[10:]
        if Commitment.objects.filter(district=district, concern_en=concern_en).exists():
            continue
        school_year = year + offset
        if kind == SourceKind.SESSION_THEME:
            theme = Theme.objects.filter(district__isnull=True, name_en=label[0]).first()
            ref = str(theme.pk) if theme else ""
        fields = {
            "school_year": school_year,
            "concern_en": concern_en,
            "concern_es": concern_es,
            "source_kind": kind,
            "source_ref": ref,
            "source_label_en": label[0],
            "source_label_es": label[1],
            "action_en": action_en,
            "action_es": action_es,
            "owner_en": owner[0],
            "owner_es": owner[1],
            "due_on": _day(school_year, 0, *due) if due else None,
            "status": CommitmentStatus.PLANNED,
            "published": published,
        }
        commitment = commitment_create(district=district, fields=fields, by=coordinator)
        for month, day, text_en, text_es, new_status in timeline:
            update = {"date": _day(school_year, 0, month, day), "text_en": text_en, "text_es": text_es}
            commitment_update_add(commitment=commitment, fields={**update, "status": new_status}, by=coordinator)


@transaction.atomic
def demo_training_purge() -> int:
    """Deletes the demo district's training events, requirements and entries; returns how many events went."""
    district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
    if district is None:
        return 0
    events = TrainingEvent.objects.filter(district=district)
    count = events.count()
    events.delete()
    TrainingRequirement.objects.filter(district=district).delete()
    Commitment.objects.filter(district=district).delete()
    return count
