"""Two-stage calls: concepts with their own short form, criteria and deadline; a decision
invites a concept to a full proposal that starts from its content; one-stage calls as before."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.calls import selectors as call_selectors
from proposals.calls.services import publication_problems
from proposals.lifecycle import checks
from proposals.lifecycle.services import TransitionError, transition
from proposals.models import (
    ConceptSection,
    Proposal,
    ProposalStage,
    ProposalState,
    Section,
    TeamMember,
)
from proposals.writing import services as writing
from tests.factories import CallFactory, UserFactory
from tests.proposals.formdata import edit_data
from tests.proposals.stages.builders import concept, two_stage_call

pytestmark = pytest.mark.django_db


def test_concepts_close_between_the_opening_and_the_closing():
    call = two_stage_call()
    call.concept_closes_at = call.closes_at + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        call.full_clean()
    assert set(refused.value.message_dict) == {"concept_closes_at"}
    call.concept_closes_at = None
    with pytest.raises(ValidationError):
        call.full_clean()


def test_a_two_stage_call_is_published_only_with_its_concept_form_and_criteria():
    call = two_stage_call(is_published=False)
    ready = call_selectors.with_readiness(type(call).objects.filter(pk=call.pk)).get()
    assert publication_problems(ready) == []
    ConceptSection.objects.filter(call=call).delete()
    call.criteria.filter(stage=ProposalStage.CONCEPT).update(weight=50)
    ready = call_selectors.with_readiness(type(call).objects.filter(pk=call.pk)).get()
    assert len(publication_problems(ready)) == 2


def test_starting_on_a_two_stage_call_makes_a_concept_until_its_deadline(researcher):
    call = two_stage_call()
    started = writing.start_proposal(actor=researcher, call=call)
    assert started.stage == ProposalStage.CONCEPT
    call.concept_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    with pytest.raises(ValidationError) as refused:
        writing.start_proposal(actor=researcher, call=call)
    assert "concept" in refused.value.messages[0] or "เบื้องต้น" in refused.value.messages[0]


def test_a_one_stage_call_starts_full_proposals_as_before(researcher):
    started = writing.start_proposal(actor=researcher, call=CallFactory(parts=True))
    assert started.stage == ProposalStage.FULL


def test_a_concept_writes_only_its_chosen_sections(client):
    proposal = concept()
    client.force_login(proposal.lead)
    page = client.get(reverse("proposals:edit_sections", args=[proposal.pk]))
    assert [form.section.key for form in page.context["forms"]] == ["problem", "objectives"]
    assert "30" in page.content.decode()  # the word limit
    other = reverse("proposals:save_section", args=[proposal.pk, "method"])
    assert client.post(other, {"text": "x", "version": 1}).status_code == 404


def test_a_concept_is_submitted_on_its_short_form_within_the_word_limits():
    proposal = concept()
    assert checks.problems(proposal) == []  # no budget, team or attachments asked
    Section.objects.filter(proposal=proposal, key="problem").update(text="คำ " * 31)
    found = checks.problems(Proposal.objects.get(pk=proposal.pk))
    assert [problem.code for problem in found] == ["section_words:problem"]
    Section.objects.filter(proposal=proposal, key="problem").update(text="")
    found = checks.problems(Proposal.objects.get(pk=proposal.pk))
    assert [problem.code for problem in found] == ["section:problem"]


def test_a_concept_is_refused_after_the_concept_deadline():
    proposal = concept()
    type(proposal.call).objects.filter(pk=proposal.call_id).update(
        concept_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    found = checks.problems(Proposal.objects.get(pk=proposal.pk))
    assert [problem.code for problem in found] == ["call_closed"]


def _in_review(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW, round=1)
    return Proposal.objects.get(pk=proposal.pk)


def _manager(call):
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    call.programme.managers.add(manager)
    return manager


def test_an_invited_concept_gets_a_full_proposal_from_its_content():
    proposal = concept(keywords="GIS")
    colleague = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal, user=colleague, email=colleague.email, accepted_at=timezone.now()
    )
    proposal = _in_review(proposal)
    manager = _manager(proposal.call)
    invited = transition(proposal=proposal, name="invite", actor=manager)
    assert invited.state == ProposalState.INVITED
    full = Proposal.objects.get(concept=invited)
    assert (full.stage, full.state, full.lead, full.title_th, full.keywords) == (
        ProposalStage.FULL,
        ProposalState.DRAFT,
        proposal.lead,
        proposal.title_th,
        "GIS",
    )
    assert {member.user for member in full.team.all()} == {proposal.lead, colleague}
    assert full.sections.get(key="problem").text == "เมืองต้องการข้อมูล"
    assert full.sections.count() == 6
    assert AuditEntry.objects.filter(action="proposal.invite", object_id=str(invited.pk)).exists()
    entry = AuditEntry.objects.get(action="proposal.full_started", object_id=str(full.pk))
    assert entry.data["concept_id"] == invited.pk


def test_decisions_fit_the_stage():
    proposal = _in_review(concept())
    manager = _manager(proposal.call)
    with pytest.raises(TransitionError) as refused:
        transition(proposal=proposal, name="approve", actor=manager)
    assert refused.value.messages
    assert not Proposal.objects.filter(concept=proposal).exists()
    full = _in_review(concept(call=proposal.call, stage=ProposalStage.FULL))
    with pytest.raises(TransitionError):
        transition(proposal=full, name="invite", actor=manager)
    assert Proposal.objects.get(pk=full.pk).state == ProposalState.IN_REVIEW


def test_the_full_proposal_links_its_concept(client):
    proposal = _in_review(concept())
    transition(proposal=proposal, name="invite", actor=_manager(proposal.call))
    full = Proposal.objects.get(concept=proposal)
    client.force_login(full.lead)
    body = client.get(full.get_absolute_url()).content.decode()
    assert reverse("proposals:proposal_detail", args=[proposal.pk]) in body


def test_officers_choose_the_concept_form_on_the_call_edit_page(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update(
        {
            "has_concept_stage": "on",
            "concept_closes_at": (call.opens_at + datetime.timedelta(days=3)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "concept_reviewers": "2",
            "concept_sections-0-key": "problem",
            "concept_sections-0-word_limit": "200",
        }
    )
    client.force_login(officer)
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    call.refresh_from_db()
    assert call.has_concept_stage
    assert list(call.concept_sections.values_list("key", "word_limit")) == [("problem", 200)]


def test_only_a_manager_of_the_programme_invites_a_concept():
    proposal = _in_review(concept())
    manager = _manager(proposal.call)
    others = [
        proposal.lead,
        UserFactory(roles=[Role.FUNDING_OFFICER]),
        UserFactory(roles=[Role.PROGRAMME_MANAGER]),
        UserFactory(roles=[Role.REVIEWER]),
        UserFactory(roles=[Role.ADMINISTRATOR]),
        UserFactory(roles=[]),
    ]
    for person in others:
        with pytest.raises(TransitionError):
            transition(proposal=proposal, name="invite", actor=person)
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.IN_REVIEW
    transition(proposal=proposal, name="invite", actor=manager)
    for state in (ProposalState.DRAFT, ProposalState.SUBMITTED, ProposalState.REVISION):
        other = concept(call=proposal.call)
        Proposal.objects.filter(pk=other.pk).update(state=state)
        with pytest.raises(TransitionError):
            transition(proposal=Proposal.objects.get(pk=other.pk), name="invite", actor=manager)
