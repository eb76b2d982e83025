"""Published releases: a frozen, versioned snapshot of every public table of one district's school year.

The dashboard, its CSV files and the annual report PDF are all drawn from a release's ``snapshot``; nothing public
reads the live records. A correction is a new version; a release row is never changed once written.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseFrozen(Exception):
    """A published release was about to be changed or deleted."""


class ReleaseQuerySet(models.QuerySet):
    def latest_of(self, *, district, school_year: int) -> "Release | None":
        """The latest version of ``district``'s release of ``school_year``."""
        return self.filter(district=district, school_year=school_year).order_by("-version").first()

    def last_published(self, *, district) -> "Release | None":
        """The district's release published last, of any school year."""
        return self.filter(district=district).order_by("-published_at", "-pk").first()


class Release(models.Model):
    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="releases", verbose_name=_("district")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    version = models.PositiveSmallIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # Every public table, suppressed, with its labels in English and Spanish (see assessment.figures).
    snapshot = models.JSONField(default=dict)
    # The annual assessment's summary as the assessment flow handed it over.
    assessment = models.JSONField(default=dict)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["district", "-school_year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["district", "school_year", "version"], name="release_version_once")
        ]

    def __str__(self):
        return f"{self.district} {self.school_year} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ReleaseFrozen(f"Release {self.pk} is published and frozen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReleaseFrozen(f"Release {self.pk} is published and frozen.")
