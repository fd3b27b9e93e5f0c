"""Words that mean two things in English read as what they mean in Thai: a call closed for
applications (ปิดรับแล้ว) and a closed project (ปิดโครงการแล้ว); a proposal lodged (ยื่น) and a
report or a review handed in (ส่ง); an invitation accepted by its guest (ตอบรับ) and a report
accepted by an officer (รับรอง); a proposal withdrawn (a state, not the action)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from accounts.models import InvitationState
from projects.models import ProgressReportState
from proposals.models import CallState, Proposal, ProposalState
from reviews.models import AssignmentState, ReviewState

THAI = [
    (CallState.CLOSED, "ปิดรับแล้ว"),
    (ProposalState.CLOSED, "ปิดโครงการแล้ว"),
    (ProposalState.SUBMITTED, "ยื่นแล้ว"),
    (ProposalState.WITHDRAWN, "ถอนข้อเสนอแล้ว"),
    (ProgressReportState.SUBMITTED, "ส่งรายงานแล้ว"),
    (ProgressReportState.ACCEPTED, "รับรองแล้ว"),
    (ReviewState.SUBMITTED, "ส่งผลการประเมินแล้ว"),
    (InvitationState.ACCEPTED, "ตอบรับแล้ว"),
    (AssignmentState.ACCEPTED, "ตอบรับแล้ว"),
]


@pytest.mark.parametrize(
    ("state", "thai"), THAI, ids=[f"{s.__class__.__name__}.{s.name}" for s, _t in THAI]
)
def test_each_state_reads_as_what_it_means_in_thai(state, thai):
    with translation.override("th"):
        assert str(state.label) == thai
    with translation.override("en"):
        assert str(state.label) in ("Closed", "Submitted", "Withdrawn", "Accepted")


def test_a_closed_project_does_not_read_as_closed_for_applications():
    with translation.override("th"):
        badge = Template('{% load badges %}{% state_badge proposal "state" %}').render(
            Context({"proposal": Proposal(state=ProposalState.CLOSED)})
        )
    assert "ปิดโครงการแล้ว" in badge
    assert "ปิดรับ" not in badge
