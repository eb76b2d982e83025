"""Saving a step is one statement, and a stale page never undoes newer work
(another tab's step, or the submission itself)."""

import pytest

from complaints.models import Complaint, Draft
from complaints.services.intake import draft_for_token, draft_save
from tests.complaints.helpers import file_complaint, school_with_officer

pytestmark = pytest.mark.django_db


def test_a_step_saved_from_another_tab_is_kept_when_this_tab_saves_its_own():
    draft = draft_save(draft=None, step="about", raw={"kind": ["complaint"]})
    this_tab = draft_for_token(draft.token)
    other_tab = draft_for_token(draft.token)
    draft_save(draft=other_tab, step="incident", raw={"location": ["Gym"]})

    draft_save(draft=this_tab, step="about", raw={"kind": ["compliment"]})

    saved = Draft.objects.get(pk=draft.pk).data
    assert saved["incident"] == {"location": ["Gym"]} and saved["about"] == {"kind": ["compliment"]}


def test_a_step_saved_from_a_page_left_open_does_not_undo_the_submission(client):
    school, _ = school_with_officer()
    file_complaint(client, school, start_review=False)
    draft = Draft.objects.get()
    filed = draft.data
    stale = Draft(pk=draft.pk, token=draft.token, data={"submission_token": filed["submission_token"]})
    stale.updated_at = draft.created_at  # read before the submission

    draft_save(draft=stale, step="about", raw={"kind": ["compliment"]})

    assert Draft.objects.get().data == filed
    assert Complaint.objects.count() == 1


def test_saving_a_step_keeps_the_private_link_alive(settings):
    draft = draft_save(draft=None, step="about", raw={})
    Draft.objects.filter(pk=draft.pk).update(expires_at=draft.expires_at.replace(year=2000))
    draft_save(draft=Draft.objects.get(pk=draft.pk), step="incident", raw={})
    assert draft_for_token(draft.token) is not None
