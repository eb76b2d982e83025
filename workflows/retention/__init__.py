"""Retention: how long each kind of record is kept per district, legal holds, and the worker's purge.

``models`` (RetentionRule, LegalHold), ``schedule`` (the documented defaults and each district's effective
periods), ``purge`` (what the worker deletes, counted in the audit log), ``holds`` (placing and lifting holds),
``views`` (the coordinator's page)."""
