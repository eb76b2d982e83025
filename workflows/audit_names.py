"""How the audit log names what workflow events record besides their record's own fields (core.audit_display).
Loaded when the app is ready, so every page of the log reads them."""

from django.utils.translation import gettext_lazy as _

from complaints.models import FindingValue
from core.audit_display import audit_change_names
from workflows.retention.models import RecordType

# A review's finding and the final finding, recorded per concern ("finding:<review>:<concern id>").
audit_change_names("finding", _("finding"), FindingValue.choices)
audit_change_names("final_finding", _("final finding"), FindingValue.choices)
# The record types a schedule change or a purge counts, named as the schedule page names them.
for code, label in RecordType.choices:
    audit_change_names(code, label)
