from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessment", "0003_annual")]

    operations = [
        migrations.RenameField("commitment", "source_label", "source_label_en"),
        migrations.RenameField("commitment", "owner", "owner_en"),
        migrations.AlterField(
            model_name="commitment",
            name="source_label_en",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Shown on the public page when the reference names no session theme, survey question or "
                    "complaint concern (those are shown by their own name)."
                ),
                max_length=200,
                verbose_name="source label (English)",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="owner_en",
            field=models.CharField(
                help_text="Who answers for it, e.g. a role or an office.", max_length=200, verbose_name="owner (English)"
            ),
        ),
        migrations.AddField(
            model_name="commitment",
            name="source_label_es",
            field=models.CharField(blank=True, max_length=200, verbose_name="source label (Spanish)"),
        ),
        migrations.AddField(
            model_name="commitment",
            name="owner_es",
            field=models.CharField(blank=True, max_length=200, verbose_name="owner (Spanish)"),
        ),
    ]
