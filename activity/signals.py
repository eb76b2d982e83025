"""A new district starts with the standard offence list (its coordinator may change it later)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import District
from activity.services.offences import offences_seed


@receiver(post_save, sender=District, dispatch_uid="activity_offences_seed")
def _seed_offences(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        offences_seed(district=instance)
