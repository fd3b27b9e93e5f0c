"""The writes of mentoring: who may, what is refused with nothing saved, one audit entry each,
and no comment's words in the audit log."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.mentoring import rules, services
from proposals.models import DraftShare, MentorAssignment, MentorMessage, MentorThread
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_only_a_person_holding_the_mentor_role_is_assigned(manager, programme, draft, reviewer):
    with pytest.raises(ValidationError):
        services.assign_mentor(actor=manager, programme=programme, mentor=reviewer, proposal=draft)
    assert MentorAssignment.objects.count() == 0
    assert actions() == []


def test_an_assignment_is_to_a_municipality_or_a_team_not_both(manager, programme, draft, mentor):
    with pytest.raises(ValidationError):
        services.assign_mentor(
            actor=manager,
            programme=programme,
            mentor=mentor,
            proposal=draft,
            municipality=MunicipalityFactory(),
        )
    with pytest.raises(ValidationError):
        services.assign_mentor(actor=manager, programme=programme, mentor=mentor)
    assert MentorAssignment.objects.count() == 0


def test_the_team_shares_only_with_its_mentors(researcher, draft, mentor):
    with pytest.raises(ValidationError):
        services.share_draft(actor=researcher, proposal=draft, mentor=mentor)
    assert DraftShare.objects.count() == 0


def test_a_mentor_of_the_drafts_municipality_may_be_shared_with(
    researcher, manager, programme, draft, mentor
):
    from proposals.models import ProposalMunicipality

    city = MunicipalityFactory()
    ProposalMunicipality.objects.create(proposal=draft, municipality=city, is_lead=True)
    services.assign_mentor(actor=manager, programme=programme, mentor=mentor, municipality=city)
    services.share_draft(actor=researcher, proposal=draft, mentor=mentor)
    assert rules.can_mentor(mentor, draft)


def test_only_the_team_shares(mentor, manager, programme, draft):
    services.assign_mentor(actor=manager, programme=programme, mentor=mentor, proposal=draft)
    stranger = UserFactory(roles=[Role.RESEARCHER])
    with pytest.raises(ValidationError):
        services.share_draft(actor=stranger, proposal=draft, mentor=mentor)
    assert DraftShare.objects.count() == 0


def test_stopping_to_share_closes_the_draft_to_the_mentor(researcher, shared, mentor):
    services.comment(actor=mentor, proposal=shared, part="problem", text="ลองระบุ")
    services.stop_sharing(actor=researcher, proposal=shared, mentor=mentor)
    assert not rules.can_mentor(mentor, shared)
    assert not rules.can_open_mentoring(mentor, shared)
    with pytest.raises(ValidationError):
        services.comment(actor=mentor, proposal=shared, part="problem", text="อีกครั้ง")
    assert MentorThread.objects.count() == 1
    services.share_draft(actor=researcher, proposal=shared, mentor=mentor)
    assert rules.can_mentor(mentor, shared)


def test_a_comment_needs_words_and_a_part(shared, mentor):
    with pytest.raises(ValidationError):
        services.comment(actor=mentor, proposal=shared, part="problem", text="   ")
    with pytest.raises(ValidationError):
        services.comment(actor=mentor, proposal=shared, part="nonsense", text="ก")
    assert MentorThread.objects.count() == 0
    assert MentorMessage.objects.count() == 0


def test_a_thread_is_answered_then_resolved_and_then_closed(
    researcher, shared, mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.comment(actor=mentor, proposal=shared, part="budget", text="งบค่าจ้างสูงไป")
    assert researcher.notifications.count() >= 1
    services.answer(actor=researcher, thread=thread, text="ปรับลดแล้ว")
    services.answer(actor=mentor, thread=thread, text="ดีครับ")
    with pytest.raises(ValidationError):
        services.resolve(actor=mentor, thread=thread)
    services.resolve(actor=researcher, thread=thread)
    with pytest.raises(ValidationError):
        services.answer(actor=mentor, thread=thread, text="อีกเรื่อง")
    assert thread.messages.count() == 3
    words = " ".join(str(e.data) + e.comment for e in AuditEntry.objects.all())
    assert "งบค่าจ้าง" not in words and "ปรับลด" not in words
    assert actions()[-4:] == [
        "mentor.commented",
        "mentor.answered",
        "mentor.answered",
        "mentor.thread_resolved",
    ]


def test_the_team_may_not_share_once_it_submitted(researcher, shared, mentor):
    from proposals.models import Proposal, ProposalState

    Proposal.objects.filter(pk=shared.pk).update(state=ProposalState.SUBMITTED)
    shared = Proposal.objects.get(pk=shared.pk)
    services.stop_sharing(actor=researcher, proposal=shared, mentor=mentor)
    with pytest.raises(ValidationError):
        services.share_draft(actor=researcher, proposal=shared, mentor=mentor)
    assert DraftShare.objects.filter(stopped_at__isnull=True).count() == 0
