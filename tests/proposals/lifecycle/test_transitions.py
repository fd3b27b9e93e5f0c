"""Every transition: who may, from which state, with which conditions and comments; one audit
entry each; reference numbers, rounds and snapshots at submission."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.lifecycle import services
from proposals.lifecycle.rules import STEPS
from proposals.lifecycle.services import (
    TransitionError,
    TransitionNotPermitted,
    register_condition,
    unregister_condition,
)
from proposals.models import (
    IndicatorContribution,
    Proposal,
    ProposalState,
    ProposalTechnology,
    ProposalVersion,
    TeamMember,
)
from tests.factories import UserFactory
from tests.proposals.lifecycle.conftest import call_for_complete_proposals, make_complete_proposal

pytestmark = pytest.mark.django_db

S = ProposalState
COMMENT = "เหตุผลของการตัดสินใจ"

# Who may press each transition (hand-written, not read from the code under test) ...
WHO = {
    "submit": {"lead", "co_researcher"},
    "resubmit": {"lead", "co_researcher"},
    "withdraw": {"lead"},
    "return": {"funding_officer"},
    "screen_pass": {"funding_officer"},
    "fund": {"funding_officer"},
    "complete": {"funding_officer"},
    "close": {"funding_officer"},
    "approve": {"programme_manager"},
    "reject": {"programme_manager"},
    "request_revision": {"programme_manager"},
    "terminate": {"programme_manager"},
}
# ... and from which states (DESIGN.md's lifecycle).
FROM = {
    "submit": {S.DRAFT},
    "return": {S.SUBMITTED},
    "screen_pass": {S.SUBMITTED},
    "approve": {S.IN_REVIEW},
    "reject": {S.IN_REVIEW},
    "request_revision": {S.IN_REVIEW},
    "resubmit": {S.REVISION},
    "fund": {S.APPROVED},
    "complete": {S.ACTIVE},
    "close": {S.COMPLETED},
    "terminate": {S.ACTIVE},
    "withdraw": {S.DRAFT, S.SUBMITTED, S.REVISION},
}
TO = {
    "submit": S.SUBMITTED,
    "return": S.DRAFT,
    "screen_pass": S.IN_REVIEW,
    "approve": S.APPROVED,
    "reject": S.REJECTED,
    "request_revision": S.REVISION,
    "resubmit": S.IN_REVIEW,
    "fund": S.ACTIVE,
    "complete": S.COMPLETED,
    "close": S.CLOSED,
    "terminate": S.TERMINATED,
    "withdraw": S.WITHDRAWN,
}


@pytest.fixture
def cast(complete_proposal):
    """Everyone around a complete proposal, by the part they play."""
    proposal = complete_proposal
    co_researcher = UserFactory(roles=[Role.RESEARCHER])
    invitee = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        user=co_researcher,
        email=co_researcher.email,
        accepted_at=proposal.created_at,
    )
    TeamMember.objects.create(proposal=proposal, user=invitee, email=invitee.email)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    proposal.call.programme.managers.add(manager)
    return {
        "lead": proposal.lead,
        "co_researcher": co_researcher,
        "invitee": invitee,
        "researcher": UserFactory(roles=[Role.RESEARCHER]),
        "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
        "programme_manager": manager,
        "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
        "reviewer": UserFactory(roles=[Role.REVIEWER]),
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        "outsider": UserFactory(roles=[]),
    }


def put_in_state(proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    return Proposal.objects.get(pk=proposal.pk)


def press(proposal, name, actor, comment=COMMENT):
    return services.transition(
        proposal=Proposal.objects.get(pk=proposal.pk), name=name, actor=actor, comment=comment
    )


class Undo(Exception):
    pass


def outcome(proposal, name, actor):
    """What pressing `name` gives, without keeping it."""
    try:
        with transaction.atomic():
            press(proposal, name, actor)
            raise Undo
    except Undo:
        return "done"
    except TransitionNotPermitted:
        return "forbidden"
    except TransitionError:
        return "refused"


def test_the_table_covers_every_transition_of_the_model():
    # `invite` is a step of a concept only (tests/proposals/stages test it); on the full
    # proposal used here it is refused from every state.
    assert set(STEPS) - {"invite"} == set(WHO) == set(FROM)


@pytest.mark.parametrize("name", list(WHO))
def test_every_state_and_role_for(name, cast, complete_proposal):
    """For each state: the right role does it from its source states, is refused from the
    others; every other person is forbidden whatever the state."""
    for state in ProposalState:
        proposal = put_in_state(complete_proposal, state)
        actual = {who: outcome(proposal, name, user) for who, user in cast.items()}
        allowed = "done" if state in FROM[name] else "refused"
        expected = {who: allowed if who in WHO[name] else "forbidden" for who in cast}
        assert actual == expected, (name, state)


@pytest.mark.parametrize("name", list(WHO))
def test_a_transition_moves_the_state_and_writes_one_audit_entry(name, cast, complete_proposal):
    source = sorted(FROM[name])[-1]
    proposal = put_in_state(complete_proposal, source)
    actor = cast[sorted(WHO[name])[0]]
    saved = press(proposal, name, actor)
    assert Proposal.objects.get(pk=proposal.pk).state == TO[name] == saved.state
    (entry,) = AuditEntry.objects.filter(object_id=str(proposal.pk), action__startswith="proposal.")
    assert (entry.action, entry.from_state, entry.to_state) == (
        f"proposal.{name}",
        source,
        TO[name],
    )
    assert (entry.actor, entry.comment) == (actor, COMMENT)


def test_submit_numbers_the_proposal_and_takes_a_snapshot(slc_call):
    proposal = make_complete_proposal(call=slc_call)
    saved = press(proposal, "submit", proposal.lead, comment="")
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.reference, stored.sequence, stored.round) == ("SLC-2568-0001", 1, 1)
    assert stored.submitted_at is not None
    assert saved.reference == "SLC-2568-0001"
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1


def test_reference_numbers_follow_each_other_within_a_call_and_start_again_in_another(slc_call):
    first, second = make_complete_proposal(call=slc_call), make_complete_proposal(call=slc_call)
    other = make_complete_proposal(call=call_for_complete_proposals(code="SLC-2569"))
    press(second, "submit", second.lead)
    press(first, "submit", first.lead)
    press(other, "submit", other.lead)
    references = dict(Proposal.objects.values_list("pk", "reference"))
    assert references[second.pk] == "SLC-2568-0001"
    assert references[first.pk] == "SLC-2568-0002"
    assert references[other.pk] == "SLC-2569-0001"


def test_a_returned_proposal_keeps_its_reference_and_counts_its_rounds(slc_call, officer):
    proposal = make_complete_proposal(call=slc_call)
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    slc_call.programme.managers.add(manager)
    lead = proposal.lead
    rounds = []
    for name, actor in [
        ("submit", lead),
        ("return", officer),
        ("submit", lead),
        ("screen_pass", officer),
        ("request_revision", manager),
        ("resubmit", lead),
    ]:
        press(proposal, name, actor)
        rounds.append(Proposal.objects.get(pk=proposal.pk).round)
    assert rounds == [1, 1, 2, 2, 2, 3]
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.reference, stored.state) == ("SLC-2568-0001", S.IN_REVIEW)
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 3
    assert Proposal.objects.filter(call=slc_call).exclude(sequence=None).count() == 1


def test_a_refused_submission_lists_every_problem_and_changes_nothing(complete_proposal):
    ProposalTechnology.objects.filter(proposal=complete_proposal).delete()
    IndicatorContribution.objects.filter(proposal=complete_proposal).delete()
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        press(complete_proposal, "submit", complete_proposal.lead)
    assert refused.value.messages == [
        "Choose at least one technology from the catalogue.",
        "Commit to at least one indicator of the programme.",
    ]
    stored = Proposal.objects.get(pk=complete_proposal.pk)
    assert (stored.state, stored.reference, stored.round) == (S.DRAFT, "", 0)
    assert not AuditEntry.objects.filter(action__startswith="proposal.").exists()
    assert not ProposalVersion.objects.exists()


def close_call(call):
    now = timezone.now()
    type(call).objects.filter(pk=call.pk).update(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(minutes=1)
    )


def test_a_closed_call_refuses_submission_but_not_resubmission(complete_proposal):
    close_call(complete_proposal.call)
    with pytest.raises(TransitionError) as refused:
        press(complete_proposal, "submit", complete_proposal.lead)
    assert len(refused.value.messages) == 1
    proposal = put_in_state(complete_proposal, S.REVISION)
    assert press(proposal, "resubmit", proposal.lead).state == S.IN_REVIEW


def test_resubmit_checks_completeness_too(complete_proposal):
    proposal = put_in_state(complete_proposal, S.REVISION)
    ProposalTechnology.objects.filter(proposal=proposal).delete()
    with pytest.raises(TransitionError):
        press(proposal, "resubmit", proposal.lead)


@pytest.mark.parametrize(
    ("name", "state", "who"),
    [
        ("return", S.SUBMITTED, "funding_officer"),
        ("reject", S.IN_REVIEW, "programme_manager"),
        ("request_revision", S.IN_REVIEW, "programme_manager"),
        ("terminate", S.ACTIVE, "programme_manager"),
        ("withdraw", S.SUBMITTED, "lead"),
        ("withdraw", S.REVISION, "lead"),
    ],
)
def test_a_comment_is_required(name, state, who, cast, complete_proposal):
    proposal = put_in_state(complete_proposal, state)
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        press(proposal, name, cast[who], comment="   ")
    assert refused.value.messages == ["Write a comment: the people concerned will read it."]
    assert Proposal.objects.get(pk=proposal.pk).state == state
    assert press(proposal, name, cast[who], comment=COMMENT).state == TO[name]


@pytest.mark.parametrize(
    ("name", "state", "who"),
    [
        ("submit", S.DRAFT, "lead"),
        ("screen_pass", S.SUBMITTED, "funding_officer"),
        ("approve", S.IN_REVIEW, "programme_manager"),
        ("withdraw", S.DRAFT, "lead"),
        ("fund", S.APPROVED, "funding_officer"),
    ],
)
def test_no_comment_is_needed(name, state, who, cast, complete_proposal):
    proposal = put_in_state(complete_proposal, state)
    assert press(proposal, name, cast[who], comment="").state == TO[name]


def test_the_same_transition_twice_applies_once(complete_proposal):
    """The second press, made from a page that still showed a draft, finds it submitted."""
    seen_by_first = Proposal.objects.get(pk=complete_proposal.pk)
    seen_by_second = Proposal.objects.get(pk=complete_proposal.pk)
    services.transition(proposal=seen_by_first, name="submit", actor=complete_proposal.lead)
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        services.transition(proposal=seen_by_second, name="submit", actor=complete_proposal.lead)
    assert refused.value.messages == ["This proposal is already “Submitted”: nothing was changed."]
    assert AuditEntry.objects.filter(action="proposal.submit").count() == 1
    assert Proposal.objects.get(pk=complete_proposal.pk).round == 1


def test_a_transition_from_the_wrong_state_says_so(cast, complete_proposal):
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        press(complete_proposal, "approve", cast["programme_manager"])
    assert refused.value.messages == ["“Approve” is not possible while the proposal is “Draft”."]


def test_an_unknown_transition_is_refused(complete_proposal):
    with pytest.raises(TransitionError):
        press(complete_proposal, "publish", complete_proposal.lead)


@pytest.fixture
def condition():
    """A condition other work would register (e.g. enough reviewers for screen_pass)."""
    registered = []

    def add(name, messages):
        def check(proposal):
            return list(messages)

        register_condition(name, check)
        registered.append((name, check))

    yield add
    for name, check in registered:
        unregister_condition(name, check)


def test_a_registered_condition_refuses_with_its_message(condition, cast, complete_proposal):
    condition("screen_pass", ["Two reviewers have not cleared their conflicts."])
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    with pytest.raises(TransitionError) as refused:
        press(proposal, "screen_pass", cast["funding_officer"])
    assert refused.value.messages == ["Two reviewers have not cleared their conflicts."]
    assert Proposal.objects.get(pk=proposal.pk).state == S.SUBMITTED


def test_a_condition_that_is_met_lets_the_transition_through(condition, cast, complete_proposal):
    condition("screen_pass", [])
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    assert press(proposal, "screen_pass", cast["funding_officer"]).state == S.IN_REVIEW


def test_every_reason_is_reported_together(condition, cast, complete_proposal):
    condition("return", ["A first reason."])
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        press(proposal, "return", cast["funding_officer"], comment="")
    assert refused.value.messages == [
        "Write a comment: the people concerned will read it.",
        "A first reason.",
    ]


def test_a_condition_for_an_unknown_transition_is_a_mistake():
    with pytest.raises(ValueError):
        register_condition("publish", lambda proposal: [])


def test_the_audit_entries_have_readable_labels():
    from accounts.audit import action_label

    with translation.override("en"):
        assert str(action_label("proposal.submit")) == "Proposal submitted"
        assert {str(action_label(f"proposal.{name}")) for name in STEPS}.isdisjoint(
            {f"proposal.{name}" for name in STEPS}
        )
