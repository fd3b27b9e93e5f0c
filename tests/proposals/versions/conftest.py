"""A proposal with every part filled, built here so the versions tests stand on their own."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from indicators.models import FiscalYear, Indicator, Objective, OutputType, Technology
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    ContributionKind,
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    RequiredAttachment,
    Section,
    SectionKey,
    TeamMember,
    TeamRole,
)
from tests.factories import MunicipalityFactory, ProposalFactory, UserFactory

serial = itertools.count(1)


def year(year_be):
    return FiscalYear.objects.get(year_be=year_be)


def indicator_of(programme, code="KR1.1"):
    objective, _created = Objective.objects.get_or_create(
        programme=programme, code="O1", defaults={"name_th": "เมืองน่าอยู่", "name_en": "Liveable"}
    )
    indicator, _created = Indicator.objects.get_or_create(
        programme=programme,
        code=code,
        defaults={
            "objective": objective,
            "name_th": "จำนวนเมืองที่ใช้ข้อมูลในการตัดสินใจ",
            "name_en": "Cities deciding with data",
        },
    )
    return indicator


def category(proposal, code):
    return BudgetCategory.objects.get(call=proposal.call, code=code)


def add_rows(proposal, n):
    """Add `n` rows to every table part of `proposal` (each row distinct where it must be)."""
    indicator = indicator_of(proposal.call.programme)
    output_type = OutputType.objects.order_by("position").first()
    materials = category(proposal, "materials")
    for _ in range(n):
        i = next(serial)
        TeamMember.objects.create(
            proposal=proposal,
            user=UserFactory(roles=[Role.RESEARCHER]),
            email=f"member{i}@example.org",
            name=f"นักวิจัย คนที่{i}",
            organisation="มหาวิทยาลัยเชียงใหม่",
            role=TeamRole.CO_RESEARCHER,
            effort_percent=Decimal("20"),
            accepted_at=timezone.now(),
        )
        municipality = MunicipalityFactory()
        ProposalMunicipality.objects.create(
            proposal=proposal,
            municipality=municipality,
            role="จัดหาพื้นที่ทดลอง",
            contribution_kind=ContributionKind.IN_KIND,
            contribution_amount=Decimal("50000"),
        )
        technology = Technology.objects.create(
            name_th=f"ระบบข้อมูลเมือง {i}", name_en=f"City data system {i}", kind="soft"
        )
        ProposalTechnology.objects.create(
            proposal=proposal, technology=technology, planned_use="สำรวจข้อมูลครัวเรือน"
        )
        Activity.objects.create(
            proposal=proposal,
            position=i,
            name=f"กิจกรรมที่ {i}",
            start_month=1,
            end_month=6,
            deliverable="รายงาน",
            weight_percent=Decimal("10"),
        )
        BudgetLine.objects.create(
            proposal=proposal,
            category=materials,
            fiscal_year=year(2569),
            description=f"วัสดุสำรวจ ชุดที่ {i}",
            quantity=Decimal("2"),
            unit_cost=Decimal("1500"),
        )
        IndicatorContribution.objects.create(
            proposal=proposal,
            indicator=indicator,
            fiscal_year=year(2569),
            municipality=municipality,
            target=Decimal("1"),
            means_of_verification="รายงานการประชุม",
        )
        ExpectedOutput.objects.create(
            proposal=proposal,
            output_type=output_type,
            description=f"ข้อเสนอเชิงนโยบาย {i}",
            quantity=1,
            fiscal_year=year(2569),
        )
        kind = RequiredAttachment.objects.create(
            call=proposal.call, position=i, name_th=f"เอกสารแนบ {i}", name_en=f"Annex {i}"
        )
        ProposalAttachment.objects.create(
            proposal=proposal,
            kind=kind,
            file=f"proposals/{proposal.pk}/annex-{i}.pdf",
            original_name=f"ภาคผนวก-{i}.pdf",
            size=2048,
        )


@pytest.fixture
def full_proposal(db):
    """A draft with every general field, every section and one row of every table part, plus
    a municipality-led equipment line with its specification."""
    proposal = ProposalFactory(
        title_th="ระบบข้อมูลเมืองลำพูน",
        title_en="Lamphun city data",
        kind="continuing",
        duration_months=12,
        start_month=datetime.date(2025, 10, 1),
        keywords="เมืองน่าอยู่, GIS",
        summary_th="สรุปโครงการ",
        summary_en="Summary",
    )
    for key in SectionKey.values:
        Section.objects.create(proposal=proposal, key=key, text=f"ข้อความของส่วน {key}")
    add_rows(proposal, 1)
    BudgetLine.objects.create(
        proposal=proposal,
        category=category(proposal, "equipment"),
        fiscal_year=year(2568),
        description="เครื่องวัดฝุ่น",
        quantity=Decimal("4"),
        unit_cost=Decimal("3000"),
        specification="PM2.5",
        justification="วัดคุณภาพอากาศ",
    )
    return proposal
