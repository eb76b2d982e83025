"""Small builders for training records (events with topics, attendance, requirements)."""

import datetime
from decimal import Decimal

from accounts.models import Role
from assessment.models import TrainingAttendance, TrainingEvent, TrainingRequirement, TrainingTopic
from assessment.training_seed import topics_ensure


def topic(code: str) -> TrainingTopic:
    """A seeded topic by its stable code (restored if a test flushed the table)."""
    topics_ensure(TrainingTopic)
    return TrainingTopic.objects.get(code=code)


def event(district, day: str, hours: str, *codes: str, title: str = "Training", **fields) -> TrainingEvent:
    made = TrainingEvent.objects.create(
        district=district,
        title_en=title,
        title_es=fields.pop("title_es", f"{title} (es)"),
        date=datetime.date.fromisoformat(day),
        hours=Decimal(hours),
        audience=fields.pop("audience", [Role.SRO]),
        **fields,
    )
    made.topics.set([topic(code) for code in codes])
    return made


def attend(training_event, *, officer=None, user=None) -> TrainingAttendance:
    return TrainingAttendance.objects.create(event=training_event, officer=officer, user=user)


def require(district, hours: str, code: str | None = None, role: str = Role.SRO) -> TrainingRequirement:
    return TrainingRequirement.objects.create(
        district=district, role=role, topic=topic(code) if code else None, hours=Decimal(hours)
    )
