"""The README and the guides stand alone: every file they point at is in this
repository (an operator gets the repository, nothing beside it)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)")  # markdown links and images
PATH_IN_CODE = re.compile(r"`(\.{0,2}/?[\w./-]+\.(?:md|py|txt|toml|json|html|css|png))`")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_file_a_document_points_at_is_in_the_repository(document):
    text = document.read_text()
    missing = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path = (document.parent / target).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            missing.append(target)
    for target in PATH_IN_CODE.findall(text):
        # Paths in code spans are written from the repository root.
        path = (ROOT / target).resolve()
        if not path.is_relative_to(ROOT) or (target.startswith("..") or "/" in target) and not path.exists():
            missing.append(target)
    assert missing == [], f"{document.name} points at files outside the repository or missing: {missing}"
