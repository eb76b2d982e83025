"""Assessment records, one module per part: ``training``, ``commitments`` (you said, we did), ``annual`` (the
yearly assessment and its rubric), ``releases`` (published, frozen snapshots)."""

from assessment.models.releases import Release, ReleaseFrozen  # noqa: F401
