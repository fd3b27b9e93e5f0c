"""A COMPLETE proposal: every part filled, the required attachment uploaded and the budget
within the call's rules, so that it passes every completeness check. The versions tests may
reuse it (`complete_proposal`, or `make_complete_proposal` for several)."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from indicators.models import FiscalYear, Indicator, Objective, Technology
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    RequiredAttachment,
    Section,
    SectionKey,
)
from tests.factories import CallFactory, MunicipalityFactory, ProposalFactory

_numbers = itertools.count(1)

# The budget of a complete proposal (call ceiling 1,000,000; personnel capped at 30%,
# equipment at 20%, institutional fee fixed at 10%): 900,000 baht in all.
BUDGET = [
    # category, quantity, unit cost
    ("personnel", Decimal("10"), Decimal("25000")),  # 250,000 = 27.78%
    ("materials", Decimal("1"), Decimal("560000")),  # 560,000
    ("institutional_fee", Decimal("1"), Decimal("90000")),  # 90,000 = 10%
]
BUDGET_TOTAL = Decimal("900000.00")


def pdf_file(name="letter.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n")


def call_for_complete_proposals(**kwargs):
    """An open call with the default budget rules, a required and an optional attachment."""
    call = CallFactory(parts=True, **kwargs)
    RequiredAttachment.objects.create(
        call=call, position=0, name_th="หนังสือแสดงเจตจำนงของเทศบาล", name_en="Letter of intent"
    )
    RequiredAttachment.objects.create(
        call=call, position=1, name_th="เอกสารอื่น", name_en="Other", is_required=False
    )
    return call


def make_complete_proposal(call=None, **kwargs):
    """A draft that passes every check of proposals.lifecycle.checks."""
    call = call or call_for_complete_proposals()
    n = next(_numbers)
    proposal = ProposalFactory(
        call=call,
        duration_months=12,
        start_month=datetime.date(2026, 1, 1),
        keywords="GIS, ผังเมือง",
        summary_th="สรุปโครงการ",
        summary_en="Summary",
        **kwargs,
    )
    for key in SectionKey:
        Section.objects.create(proposal=proposal, key=key, text=f"ข้อความ {key.label}")
    ProposalMunicipality.objects.create(
        proposal=proposal, municipality=MunicipalityFactory(), is_lead=True, role="พื้นที่หลัก"
    )
    technology, _created = Technology.objects.get_or_create(
        name_th="ระบบฐานข้อมูลเมือง (ทดสอบ)", defaults={"name_en": "City database", "kind": "hard"}
    )
    ProposalTechnology.objects.create(proposal=proposal, technology=technology, planned_use="ใช้")
    Activity.objects.create(
        proposal=proposal, position=0, name="สำรวจ", start_month=1, end_month=6,
        weight_percent=Decimal("60"),
    )  # fmt: skip
    Activity.objects.create(
        proposal=proposal, position=1, name="ถ่ายทอด", start_month=7, end_month=12,
        weight_percent=Decimal("40"),
    )  # fmt: skip
    year = call.fiscal_year
    for code, quantity, unit_cost in BUDGET:
        BudgetLine.objects.create(
            proposal=proposal,
            category=BudgetCategory.objects.get(call=call, code=code),
            fiscal_year=year,
            description=f"รายการ {code}",
            quantity=quantity,
            unit_cost=unit_cost,
        )
    objective, _created = Objective.objects.get_or_create(
        programme=call.programme, code="O1", defaults={"name_th": "เป้าหมาย", "name_en": "Goal"}
    )
    indicator, _created = Indicator.objects.get_or_create(
        programme=call.programme,
        code="KR1.1",
        defaults={"objective": objective, "name_th": "จำนวนเมือง", "name_en": "Cities"},
    )
    IndicatorContribution.objects.create(
        proposal=proposal, indicator=indicator, fiscal_year=year, target=Decimal("1")
    )
    for kind in call.required_attachments.filter(is_required=True):
        ProposalAttachment.objects.create(
            proposal=proposal,
            kind=kind,
            file=pdf_file(f"letter-{n}.pdf"),
            original_name="letter.pdf",
            size=64,
        )
    return proposal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def complete_proposal(db):
    return make_complete_proposal()


@pytest.fixture
def slc_call(db):
    """The call of the reference numbers in the issue: SLC-2568."""
    return call_for_complete_proposals(
        code="SLC-2568", fiscal_year=FiscalYear.objects.get_or_create(year_be=2568)[0]
    )


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)
