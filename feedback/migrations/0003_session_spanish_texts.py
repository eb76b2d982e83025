import re

from django.db import migrations, models

# The prose of a session a family reads, kept in English and Spanish like the title and description.
RENAMED = ("audience", "school_attendees", "police_attendees", "place", "reserved_group", "languages", "accessibility_note")

# Existing "languages" texts made only of these names get their Spanish written now, so the Spanish page of a
# session made before this migration is Spanish already; any other text stays for the coordinator to translate.
LANGUAGE_NAMES_ES = {
    "english": "inglés",
    "spanish": "español",
    "vietnamese": "vietnamita",
    "chinese": "chino",
    "mandarin": "mandarín",
    "cantonese": "cantonés",
    "arabic": "árabe",
    "somali": "somalí",
    "russian": "ruso",
    "korean": "coreano",
    "tagalog": "tagalo",
    "french": "francés",
    "portuguese": "portugués",
    "haitian creole": "criollo haitiano",
    "hmong": "hmong",
    "asl": "lengua de señas americana (ASL)",
    "american sign language": "lengua de señas americana",
}


def languages_in_spanish(text: str) -> str:
    """``text`` with each language name in Spanish, or "" when any part is not a known language name."""
    parts = [part.strip().casefold() for part in re.split(r",|/|&|\band\b", text)]
    parts = [part for part in parts if part]
    if not parts or any(part not in LANGUAGE_NAMES_ES for part in parts):
        return ""
    spanish = ", ".join(LANGUAGE_NAMES_ES[part] for part in parts)
    return spanish[:1].upper() + spanish[1:]


def languages_es_fill(apps, schema_editor):
    Session = apps.get_model("feedback", "Session")
    for session in Session.objects.exclude(languages_en="").filter(languages_es="").only("pk", "languages_en"):
        spanish = languages_in_spanish(session.languages_en)
        if spanish:
            Session.objects.filter(pk=session.pk).update(languages_es=spanish)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_partner_feedback")]

    operations = [
        *(migrations.RenameField("session", name, f"{name}_en") for name in RENAMED),
        migrations.AlterField(
            model_name="session",
            name="audience_en",
            field=models.CharField(
                blank=True,
                help_text="For example a named student group.",
                max_length=200,
                verbose_name="audience (English)",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="school_attendees_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="who attends for the school (English)"),
        ),
        migrations.AlterField(
            model_name="session",
            name="police_attendees_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="who attends for the police (English)"),
        ),
        migrations.AlterField(
            model_name="session",
            name="place_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="place (English)"),
        ),
        migrations.AlterField(
            model_name="session",
            name="reserved_group_en",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="group the seats are reserved for (English)"
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="languages_en",
            field=models.CharField(
                blank=True,
                help_text="For example: English, Spanish.",
                max_length=200,
                verbose_name="languages (English)",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="accessibility_note_en",
            field=models.TextField(blank=True, verbose_name="accessibility (English)"),
        ),
        migrations.AddField(
            model_name="session",
            name="audience_es",
            field=models.CharField(blank=True, max_length=200, verbose_name="audience (Spanish)"),
        ),
        migrations.AddField(
            model_name="session",
            name="school_attendees_es",
            field=models.CharField(blank=True, max_length=300, verbose_name="who attends for the school (Spanish)"),
        ),
        migrations.AddField(
            model_name="session",
            name="police_attendees_es",
            field=models.CharField(blank=True, max_length=300, verbose_name="who attends for the police (Spanish)"),
        ),
        migrations.AddField(
            model_name="session",
            name="place_es",
            field=models.CharField(blank=True, max_length=300, verbose_name="place (Spanish)"),
        ),
        migrations.AddField(
            model_name="session",
            name="reserved_group_es",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="group the seats are reserved for (Spanish)"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="languages_es",
            field=models.CharField(
                blank=True,
                help_text="For example: inglés, español.",
                max_length=200,
                verbose_name="languages (Spanish)",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="accessibility_note_es",
            field=models.TextField(blank=True, verbose_name="accessibility (Spanish)"),
        ),
        migrations.RunPython(languages_es_fill, migrations.RunPython.noop, elidable=True),
    ]
