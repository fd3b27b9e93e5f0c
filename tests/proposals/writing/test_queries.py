"""The workspace, "my proposals" and the researcher's dashboard run as many queries with many
parts or proposals as with one."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator, Objective, OutputType, Technology
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    RequiredAttachment,
    TeamMember,
)
from tests.factories import MunicipalityFactory, ProposalFactory, UserFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db

counter = itertools.count()


def add_parts(proposal, count):
    """`count` rows of every part of `proposal`."""
    call = proposal.call
    objective, _created = Objective.objects.get_or_create(
        programme=call.programme, code="O1", defaults={"name_th": "ก", "name_en": "A"}
    )
    categories = list(BudgetCategory.objects.filter(call=call))
    for _ in range(count):
        n = next(counter)
        user = UserFactory()
        TeamMember.objects.create(
            proposal=proposal, user=user, email=user.email, accepted_at=timezone.now()
        )
        TeamMember.objects.create(proposal=proposal, email=f"pending{n}@example.org")
        town = MunicipalityFactory()
        ProposalMunicipality.objects.create(proposal=proposal, municipality=town, role="พื้นที่")
        technology = Technology.objects.create(
            name_th=f"เทคโนโลยี {n}", name_en=f"T{n}", kind="hard"
        )
        ProposalTechnology.objects.create(
            proposal=proposal, technology=technology, planned_use="ใช้"
        )
        Activity.objects.create(
            proposal=proposal, name=f"กิจกรรม {n}", start_month=1, end_month=3, weight_percent=1
        )
        BudgetLine.objects.create(
            proposal=proposal,
            category=categories[n % len(categories)],
            fiscal_year=call.fiscal_year,
            description="รายการ",
            quantity=Decimal("2"),
            unit_cost=Decimal("10"),
        )
        indicator = Indicator.objects.create(
            programme=call.programme,
            objective=objective,
            code=f"KR{n}",
            name_th="ตัวชี้วัด",
            name_en="I",
        )
        IndicatorContribution.objects.create(
            proposal=proposal,
            indicator=indicator,
            fiscal_year=call.fiscal_year,
            municipality=town,
            target=Decimal("5"),
        )
        output_type = OutputType.objects.create(code=f"out-{n}", name_th="ผลผลิต", name_en="Output")
        ExpectedOutput.objects.create(
            proposal=proposal,
            output_type=output_type,
            description="ต้นแบบ",
            fiscal_year=call.fiscal_year,
        )
        kind = RequiredAttachment.objects.create(call=call, name_th=f"เอกสาร {n}", name_en="Doc")
        ProposalAttachment.objects.create(
            proposal=proposal,
            kind=kind,
            file=f"proposals/{proposal.pk}/f{n}.pdf",
            original_name="f.pdf",
        )


def test_the_workspace_runs_flat_queries(client, proposal, lead):
    url = proposal.get_absolute_url()
    assert_flat_queries(client, lead, url, lambda n: add_parts(proposal, n), few=1, many=6)


def test_the_workspace_runs_flat_queries_for_an_officer(client, proposal, officer):
    url = proposal.get_absolute_url()
    queries = assert_flat_queries(
        client, officer, url, lambda n: add_parts(proposal, n), few=1, many=6
    )
    # One query per part shown: the attachments with their kinds, the budget with its categories.
    assert queries == 12


def add_proposals(user, count):
    """`count` proposals led by `user`, `count` joined and `count` invitations to answer."""
    for _ in range(count):
        ProposalFactory(lead=user)
        joined = ProposalFactory()
        TeamMember.objects.create(
            proposal=joined, user=user, email=user.email, accepted_at=timezone.now()
        )
        TeamMember.objects.create(proposal=ProposalFactory(), email=user.email)


def test_my_proposals_runs_flat_queries(client, researcher):
    url = reverse("proposals:my_proposals")
    queries = assert_flat_queries(
        client, researcher, url, lambda n: add_proposals(researcher, n), many=20
    )
    assert queries == 5
    page = client.get(url).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (40, 25)  # led and joined


def test_my_proposals_filters_orders_and_pages_in_the_url(client, researcher, monkeypatch):
    from proposals.models import Proposal, ProposalState
    from proposals.writing import views

    monkeypatch.setattr(views, "MY_PROPOSALS_PER_PAGE", 2)
    drafts = [ProposalFactory(lead=researcher) for _ in range(3)]
    submitted = ProposalFactory(lead=researcher)
    Proposal.objects.filter(pk=submitted.pk).update(state=ProposalState.SUBMITTED)
    for n, proposal in enumerate(drafts):
        Proposal.objects.filter(pk=proposal.pk).update(reference=f"R-{n}")
    client.force_login(researcher)
    url = reverse("proposals:my_proposals")
    shown = client.get(url, {"state": ProposalState.DRAFT, "order": "reference"})
    assert list(shown.context["proposals"]) == drafts[:2]
    assert "state=draft&amp;order=reference&amp;page=2" in shown.text
    second = client.get(url, {"state": ProposalState.DRAFT, "order": "reference", "page": 2})
    assert list(second.context["proposals"]) == drafts[2:]
    assert list(client.get(url, {"state": ProposalState.SUBMITTED}).context["proposals"]) == [
        submitted
    ]


def test_the_researcher_dashboard_runs_flat_queries(client, researcher):
    url = reverse("dashboard_for_role", args=["researcher"])
    assert_flat_queries(client, researcher, url, lambda n: add_proposals(researcher, n), many=8)


def test_the_researcher_dashboard_lists_proposals_and_invitations(client, researcher):
    mine = ProposalFactory(lead=researcher, title_th="โครงการของฉัน")
    invited = ProposalFactory(title_th="โครงการที่เชิญ")
    member = TeamMember.objects.create(proposal=invited, email=researcher.email)
    client.force_login(researcher)
    body = client.get(reverse("dashboard_for_role", args=["researcher"])).content.decode()
    assert "โครงการของฉัน" in body and mine.get_absolute_url() in body
    assert "โครงการที่เชิญ" in body
    assert reverse("proposals:team_invitation_answer", args=[member.pk]) in body
    assert reverse("proposals:call_list") in body
    assert reverse("proposals:my_proposals") in body
