"""A proposal with a lead and an accepted co-researcher, and the catalogue rows its parts use."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from indicators.models import FiscalYear, Indicator, Objective, OutputType, Technology, ValueType
from proposals.models import RequiredAttachment, TeamMember, TeamRole
from tests.factories import MunicipalityFactory, ProposalFactory, UserFactory


@pytest.fixture
def proposal(db):
    return ProposalFactory()


@pytest.fixture
def member(proposal):
    """A co-researcher who accepted the invitation: edits like the lead."""
    user = UserFactory(email="member@example.org", roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        user=user,
        email=user.email,
        role=TeamRole.CO_RESEARCHER,
        effort_percent=Decimal("20"),
        accepted_at=timezone.now(),
    )
    return user


@pytest.fixture
def people(personas, lead, member):
    """Every persona of the permission tables: the roles, an outsider, an anonymous visitor,
    the proposal's lead and a co-researcher who accepted."""
    return {**personas, "lead": lead, "member": member}


@pytest.fixture
def years(proposal):
    return {fy.year_be: fy for fy in FiscalYear.objects.filter(year_be__in=[2568, 2569])}


@pytest.fixture
def towns(db):
    return [MunicipalityFactory() for _ in range(3)]


@pytest.fixture
def technologies(db):
    return [
        Technology.objects.create(name_th=f"เทคโนโลยี {n}", name_en=f"Technology {n}", kind="soft")
        for n in range(2)
    ]


def make_indicator(programme, code, **fields):
    objective, _created = Objective.objects.get_or_create(
        programme=programme, code="O1", defaults={"name_th": "เป้าหมาย", "name_en": "Objective"}
    )
    return Indicator.objects.create(
        programme=programme,
        objective=objective,
        code=code,
        name_th=f"ตัวชี้วัด {code}",
        name_en=f"Indicator {code}",
        **fields,
    )


@pytest.fixture
def indicators(proposal):
    programme = proposal.call.programme
    return {
        "number": make_indicator(programme, "KR1"),
        "yes_no": make_indicator(
            programme, "KR2", value_type=ValueType.YES_NO, aggregation="count_yes"
        ),
        "percent": make_indicator(programme, "KR3", value_type=ValueType.PERCENT),
        "per_town": make_indicator(programme, "KR4", per_municipality=True),
    }


@pytest.fixture
def output_types(db):
    return list(OutputType.objects.filter(is_active=True).order_by("position")[:2])


@pytest.fixture
def kinds(proposal):
    call = proposal.call
    return [
        RequiredAttachment.objects.create(
            call=call, position=0, name_th="หนังสือเจตจำนง", name_en="Letter of intent"
        ),
        RequiredAttachment.objects.create(
            call=call, position=1, name_th="แผนที่", name_en="Map", is_required=False
        ),
    ]
