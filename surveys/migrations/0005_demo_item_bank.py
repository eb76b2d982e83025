"""Loads the shared item bank (surveys/bank_seed.py): ED-SCLS climate items, the SRO module, demographics."""

from django.db import migrations


def load(apps, schema_editor):
    from surveys.bank_seed import bank_seed

    bank_seed(apps.get_model("surveys", "Item"))


def unload(apps, schema_editor):
    from surveys.bank_seed import bank_item_fields

    codes = [row["code"] for row in bank_item_fields()]
    apps.get_model("surveys", "Item").objects.filter(district=None, code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0004_reach_invitation_code")]

    operations = [migrations.RunPython(load, unload)]
