"""The flow diagrams in docs/ are the flows the code defines: a flow changed without exporting its diagram again
fails here, with the command that exports it."""

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("flow", "diagram"),
    [
        ("workflows/flows.ComplaintFlow", "docs/complaint-flow.svg"),
        ("workflows/monthly.flow.MonthlyReviewFlow", "docs/monthly-review-flow.svg"),
    ],
)
def test_the_documented_flow_diagram_is_the_flow_the_code_runs(tmp_path, flow, diagram):
    exported = tmp_path / "flow.svg"
    call_command("flowexport", flow, output=str(exported))
    assert exported.read_text() == (ROOT / diagram).read_text(), (
        f"{diagram} is not the flow in the code any more: run `manage.py flowexport {flow} -o {diagram}`"
    )
