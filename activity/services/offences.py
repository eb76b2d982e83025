"""Each district's offence list, seeded with the standard entries."""

from django.db import transaction

from accounts.models import District

# (code, English, Spanish, public order offence)
STANDARD_OFFENCES = (
    ("disturbance", "Disturbance or disorderly conduct", "Alteración del orden o conducta desordenada", True),
    ("loitering", "Loitering or trespass", "Merodeo o entrada ilegal", True),
    ("profanity", "Profanity or disrespect", "Lenguaje obsceno o falta de respeto", True),
    ("fighting", "Fighting without injury or weapon", "Pelea sin lesiones ni armas", True),
    ("assault", "Assault causing injury", "Agresión con lesiones", False),
    ("weapon", "Weapon possession", "Posesión de armas", False),
    ("drugs", "Drug possession", "Posesión de drogas", False),
    ("alcohol_tobacco", "Alcohol, tobacco or vaping", "Alcohol, tabaco o vapeo", False),
    ("theft", "Theft or property damage", "Robo o daños a la propiedad", False),
    ("threat", "Threat or harassment", "Amenaza o acoso", False),
    ("other", "Other", "Otro", False),
)


@transaction.atomic
def offences_seed(*, district: District) -> int:
    """Adds the standard offences the district lacks (by code); returns how many were added."""
    from activity.models import Offence

    have = set(Offence.objects.filter(district=district).values_list("code", flat=True))
    new = [
        Offence(district=district, code=code, name_en=en, name_es=es, public_order=public)
        for code, en, es, public in STANDARD_OFFENCES
        if code not in have
    ]
    Offence.objects.bulk_create(new)
    return len(new)
