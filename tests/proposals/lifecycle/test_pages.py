"""The check page, the transition pages, the action buttons and the officers' register: who
may open them, what they show, and their query counts."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.models import FiscalYear, Funder, Programme
from proposals.lifecycle import services
from proposals.models import Proposal, ProposalState, ProposalTechnology, TeamMember
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.proposals.lifecycle.conftest import (
    BUDGET_TOTAL,
    call_for_complete_proposals,
    make_complete_proposal,
)

pytestmark = pytest.mark.django_db

S = ProposalState
LOGIN = 302


@pytest.fixture
def people(complete_proposal):
    """Everyone around a complete proposal: the personas of assert_access, by part played."""
    proposal = complete_proposal
    co_researcher = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        user=co_researcher,
        email=co_researcher.email,
        accepted_at=proposal.created_at,
    )
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    proposal.call.programme.managers.add(manager)
    return {
        "lead": proposal.lead,
        "co_researcher": co_researcher,
        "researcher": UserFactory(roles=[Role.RESEARCHER]),
        "funding_officer": UserFactory(roles=[Role.FUNDING_OFFICER]),
        "programme_manager": manager,
        "other_manager": UserFactory(roles=[Role.PROGRAMME_MANAGER]),
        "reviewer": UserFactory(roles=[Role.REVIEWER]),
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        "outsider": UserFactory(roles=[]),
        "anonymous": None,
    }


def table(default, **answers):
    names = [
        "lead",
        "co_researcher",
        "researcher",
        "funding_officer",
        "programme_manager",
        "other_manager",
        "reviewer",
        "administrator",
        "outsider",
    ]
    return {**{name: default for name in names}, "anonymous": LOGIN, **answers}


# Those who see the proposal; the rest get 404 so that nothing leaks.
VIEWERS = {"lead": 200, "co_researcher": 200, "funding_officer": 200, "programme_manager": 200}


def put_in_state(proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    return Proposal.objects.get(pk=proposal.pk)


# The check page.


def test_the_check_page_is_for_those_who_see_the_proposal(client, people, complete_proposal):
    url = reverse("proposals:proposal_check", args=[complete_proposal.pk])
    assert_access(client, people, url, table(404, **VIEWERS))


def test_the_check_page_lists_every_problem_with_its_link(client, complete_proposal):
    ProposalTechnology.objects.filter(proposal=complete_proposal).delete()
    client.force_login(complete_proposal.lead)
    with translation.override("en"):
        page = client.get(
            reverse("proposals:proposal_check", args=[complete_proposal.pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
    edit = reverse("proposals:edit_technologies", args=[complete_proposal.pk])
    assert f'<a href="{edit}">' in page
    submit = reverse("proposals:proposal_transition", args=[complete_proposal.pk, "submit"])
    assert submit not in page


def test_a_complete_proposal_is_ready_with_the_submit_button(client, complete_proposal):
    client.force_login(complete_proposal.lead)
    response = client.get(reverse("proposals:proposal_check", args=[complete_proposal.pk]))
    assert response.context["ready"] is True
    assert response.context["problems"] == []
    submit = reverse("proposals:proposal_transition", args=[complete_proposal.pk, "submit"])
    assert f'action="{submit}"' in response.content.decode()


def test_an_officer_sees_the_check_but_no_submit_button(client, people, complete_proposal):
    client.force_login(people["funding_officer"])
    response = client.get(reverse("proposals:proposal_check", args=[complete_proposal.pk]))
    assert response.context["ready"] is True
    submit = reverse("proposals:proposal_transition", args=[complete_proposal.pk, "submit"])
    assert submit not in response.content.decode()


def test_a_revision_is_checked_for_resubmission(client, complete_proposal):
    proposal = put_in_state(complete_proposal, S.REVISION)
    client.force_login(proposal.lead)
    response = client.get(reverse("proposals:proposal_check", args=[proposal.pk]))
    assert response.context["step"].name == "resubmit"
    resubmit = reverse("proposals:proposal_transition", args=[proposal.pk, "resubmit"])
    assert f'action="{resubmit}"' in response.content.decode()


# The transition pages.


def transition_url(proposal, name):
    return reverse("proposals:proposal_transition", args=[proposal.pk, name])


@pytest.mark.parametrize(
    ("name", "state", "allowed"),
    [
        ("submit", S.DRAFT, {"lead": 200, "co_researcher": 200}),
        ("withdraw", S.DRAFT, {"lead": 200, "co_researcher": 403}),
        ("return", S.SUBMITTED, {"funding_officer": 200}),
        ("screen_pass", S.SUBMITTED, {"funding_officer": 200}),
        ("approve", S.IN_REVIEW, {"programme_manager": 200}),
        ("terminate", S.ACTIVE, {"programme_manager": 200}),
    ],
)
def test_the_confirmation_page(client, people, complete_proposal, name, state, allowed):
    """Viewers without the role get 403; those who cannot see the proposal get 404."""
    proposal = put_in_state(complete_proposal, state)
    expected = table(404, **{**{who: 403 for who in VIEWERS}, **allowed})
    assert_access(client, people, transition_url(proposal, name), expected)


def test_posting_a_transition_follows_the_same_table(client, people, complete_proposal):
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    expected = table(404, **{**{who: 403 for who in VIEWERS}, "funding_officer": 302})
    data = {"comment": "ขาดหนังสือรับรอง"}
    url = transition_url(proposal, "return")
    # Each allowed press returns the proposal to draft; put it back before the next persona.
    for who, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.post(url, data).status_code == expected[who], who
        put_in_state(proposal, S.SUBMITTED)


def test_an_unknown_transition_is_not_found(client, complete_proposal):
    client.force_login(complete_proposal.lead)
    assert client.get(transition_url(complete_proposal, "publish")).status_code == 404


def test_the_confirmation_page_says_what_will_happen(client, people, complete_proposal):
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    client.force_login(people["funding_officer"])
    response = client.get(transition_url(proposal, "return"))
    page = response.content.decode()
    assert str(response.context["step"].description) in page
    assert 'name="comment"' in page


def test_a_submission_through_the_page(client, complete_proposal):
    client.force_login(complete_proposal.lead)
    response = client.post(transition_url(complete_proposal, "submit"))
    assert response.status_code == 302
    assert response.url == reverse("proposals:proposal_detail", args=[complete_proposal.pk])
    assert Proposal.objects.get(pk=complete_proposal.pk).state == S.SUBMITTED


def test_a_refusal_comes_back_with_every_problem_as_a_message(client, complete_proposal):
    ProposalTechnology.objects.filter(proposal=complete_proposal).delete()
    client.force_login(complete_proposal.lead)
    response = client.post(transition_url(complete_proposal, "submit"))
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert Proposal.objects.get(pk=complete_proposal.pk).state == S.DRAFT


def test_a_missing_comment_is_shown_next_to_the_field(client, people, complete_proposal):
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    client.force_login(people["funding_officer"])
    response = client.post(transition_url(proposal, "return"), {"comment": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    assert Proposal.objects.get(pk=proposal.pk).state == S.SUBMITTED
    assert not AuditEntry.objects.filter(action="proposal.return").exists()


def test_a_second_press_of_the_same_button_is_refused_with_a_message(client, complete_proposal):
    client.force_login(complete_proposal.lead)
    client.post(transition_url(complete_proposal, "submit"))
    response = client.post(transition_url(complete_proposal, "submit"))
    assert response.status_code == 200
    # The first press's success message is still waiting; the second adds one error.
    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["success", "error"]
    assert AuditEntry.objects.filter(action="proposal.submit").count() == 1
    assert Proposal.objects.get(pk=complete_proposal.pk).round == 1


# The buttons in the workspace's header.


def buttons(proposal, user):
    request = RequestFactory().get("/")
    request.user = user
    html = render_to_string(
        "proposals/lifecycle/_actions.html",
        {"proposal": Proposal.objects.get(pk=proposal.pk)},
        request=request,
    )
    names = [name for name in STEP_NAMES if transition_url(proposal, name) in html]
    if reverse("proposals:proposal_check", args=[proposal.pk]) in html:
        names.append("check")
    return names


STEP_NAMES = [
    "return",
    "screen_pass",
    "approve",
    "reject",
    "request_revision",
    "fund",
    "complete",
    "close",
    "terminate",
    "withdraw",
]


@pytest.mark.parametrize(
    ("state", "who", "expected"),
    [
        (S.DRAFT, "lead", ["withdraw", "check"]),
        (S.DRAFT, "co_researcher", ["check"]),
        (S.DRAFT, "funding_officer", []),
        (S.SUBMITTED, "lead", ["withdraw"]),
        (S.SUBMITTED, "funding_officer", ["return", "screen_pass"]),
        (S.SUBMITTED, "programme_manager", []),
        (S.IN_REVIEW, "programme_manager", ["approve", "reject", "request_revision"]),
        (S.IN_REVIEW, "other_manager", []),
        (S.IN_REVIEW, "funding_officer", []),
        (S.REVISION, "lead", ["withdraw", "check"]),
        (S.APPROVED, "funding_officer", ["fund"]),
        (S.ACTIVE, "funding_officer", ["complete"]),
        (S.ACTIVE, "programme_manager", ["terminate"]),
        (S.COMPLETED, "funding_officer", ["close"]),
        (S.CLOSED, "funding_officer", []),
        (S.WITHDRAWN, "lead", []),
    ],
)
def test_the_buttons_are_those_the_person_may_press(
    people, complete_proposal, state, who, expected
):
    proposal = put_in_state(complete_proposal, state)
    assert buttons(proposal, people[who]) == expected


# The officers' register.


def submitted(call=None, **kwargs):
    proposal = make_complete_proposal(call=call, **kwargs)
    return services.transition(proposal=proposal, name="submit", actor=proposal.lead)


def test_the_register_is_for_officers_and_managers(client, personas):
    expected = {
        "researcher": 403,
        "funding_officer": 200,
        "reviewer": 403,
        "programme_manager": 200,
        "administrator": 403,
        "mentor": 403,
        "finance": 403,
        "outsider": 403,
        "anonymous": LOGIN,
    }
    assert_access(client, personas, reverse("proposals:register"), expected)


def test_the_register_lists_submitted_proposals_not_drafts(client, officer):
    shown = submitted()
    draft = make_complete_proposal()
    returned = submitted()
    services.transition(proposal=returned, name="return", actor=officer, comment="ขาดเอกสาร")
    client.force_login(officer)
    response = client.get(reverse("proposals:register"))
    rows = list(response.context["page"].object_list)
    assert [row.pk for row in rows] == [shown.pk]
    assert rows[0].requested_amount == BUDGET_TOTAL
    page = response.content.decode()
    assert shown.reference in page
    assert "900,000.00" in page
    assert draft.title not in page


def test_the_register_filters_by_call_and_state(client, officer):
    first_call = call_for_complete_proposals()
    in_first = submitted(call=first_call)
    in_second = submitted()
    services.transition(proposal=in_second, name="screen_pass", actor=officer)
    client.force_login(officer)

    def listed(**query):
        response = client.get(reverse("proposals:register"), query)
        return [row.pk for row in response.context["page"].object_list]

    assert listed(call=first_call.code) == [in_first.pk]
    assert listed(state=S.IN_REVIEW) == [in_second.pk]
    assert sorted(listed()) == sorted([in_first.pk, in_second.pk])
    assert listed(call=first_call.code, state=S.IN_REVIEW) == []


def other_programme():
    programme = Programme.objects.create(
        code="OTHER",
        name_th="แผนงานอื่น",
        name_en="Other programme",
        funder=Funder.objects.create(name_th="ผู้ให้ทุนอื่น", name_en="Other funder"),
    )
    programme.fiscal_years.add(FiscalYear.objects.get_or_create(year_be=2568)[0])
    return programme


def test_a_programme_manager_sees_the_proposals_of_their_programmes(client, manager):
    mine = submitted()
    mine.call.programme.managers.add(manager)
    submitted(call=call_for_complete_proposals(programme=other_programme()))
    client.force_login(manager)
    response = client.get(reverse("proposals:register"))
    assert [row.pk for row in response.context["page"].object_list] == [mine.pk]
    offered = [code for code, _label in response.context["form"].fields["call"].choices[1:]]
    assert offered == [mine.call.code]


def test_the_register_runs_as_many_queries_with_many_proposals(client, officer):
    call = call_for_complete_proposals()

    def make(n):
        for _ in range(n):
            submitted(call=call)

    assert_flat_queries(client, officer, reverse("proposals:register"), make, few=1, many=6)


def test_the_officers_dashboard_links_to_the_register(client, officer):
    client.force_login(officer)
    page = client.get(reverse("dashboard_for_role", args=["funding_officer"])).content.decode()
    assert reverse("proposals:register") in page


def test_a_registered_condition_shows_on_the_check_page(client, complete_proposal):
    def not_yet(proposal):
        return ["ยังไม่ได้ลงนามรับรอง"]

    services.register_condition("submit", not_yet)
    try:
        client.force_login(complete_proposal.lead)
        response = client.get(reverse("proposals:proposal_check", args=[complete_proposal.pk]))
    finally:
        services.unregister_condition("submit", not_yet)
    assert response.context["ready"] is False
    assert "ยังไม่ได้ลงนามรับรอง" in response.content.decode()
