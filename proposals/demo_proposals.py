"""Demo proposals for the open call: one submitted, complete one and one draft. Idempotent."""

from decimal import Decimal

from django.core.files.base import ContentFile

from accounts.models import Municipality
from indicators.models import Indicator, OutputType, Technology
from proposals.demo import eligible_answers, today_calendar
from proposals.lifecycle.services import transition
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    Section,
    SectionKey,
)
from proposals.writing.services import start_proposal

# A tiny but real PDF, so that the demo's required attachments open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

SUBMITTED_TITLE = "ระบบฐานข้อมูลเมืองเพื่อการวางแผนพัฒนาเทศบาลเมืองลำพูน (ตัวอย่าง)"
DRAFT_TITLE = "พื้นที่เรียนรู้ของเมืองพิษณุโลก (ตัวอย่าง)"

SECTIONS = {
    SectionKey.PROBLEM: "เทศบาลยังขาดข้อมูลเชิงพื้นที่ที่เป็นปัจจุบันสำหรับการวางแผน (ข้อมูลตัวอย่าง)",
    SectionKey.OBJECTIVES: "1) จัดทำฐานข้อมูลเมือง 2) พัฒนาบุคลากรเทศบาลให้ใช้ข้อมูลได้",
    SectionKey.METHOD: "สำรวจข้อมูลร่วมกับชุมชน นำเข้าระบบ GIS และจัดอบรมเชิงปฏิบัติการ",
    SectionKey.AREA: "เขตเทศบาลเมืองลำพูน 12 ชุมชน กลุ่มเป้าหมายคือบุคลากรเทศบาลและผู้นำชุมชน",
    SectionKey.RISKS: "ความร่วมมือของชุมชน: ทำงานผ่านผู้นำชุมชนและสภาเมือง",
    SectionKey.BENEFITS: "เทศบาลใช้ข้อมูลในการจัดทำแผนพัฒนาท้องถิ่นและแผนการลงทุน",
}

# category, description, quantity, unit cost (total 1,000,000 within the demo call's rules)
BUDGET = [
    ("personnel", "ค่าจ้างผู้ช่วยวิจัย 2 คน 10 เดือน", Decimal("20"), Decimal("14000")),
    ("honoraria", "ค่าตอบแทนวิทยากรอบรม", Decimal("6"), Decimal("5000")),
    ("services", "ค่าจัดประชุมเชิงปฏิบัติการกับชุมชน", Decimal("8"), Decimal("25000")),
    ("materials", "ค่าวัสดุสำรวจและจัดทำแผนที่", Decimal("1"), Decimal("270000")),
    ("equipment", "เครื่องระบุพิกัด GNSS", Decimal("2"), Decimal("60000")),
    ("institutional_fee", "ค่าธรรมเนียมอุดหนุนสถาบัน", Decimal("1"), Decimal("100000")),
]


def seed_proposals(call, lead, calendar=None):
    """One complete proposal submitted as <call>-0001 and one draft, both led by `lead`; the
    complete one starts when the demo's calendar says the open call's projects would."""
    calendar = calendar or today_calendar()
    submitted = Proposal.objects.filter(call=call, lead=lead, title_th=SUBMITTED_TITLE).first()
    if submitted is None:
        submitted = complete_proposal(call, lead, calendar.open_project_start)
        transition(proposal=submitted, name="submit", actor=lead)
        submitted = Proposal.objects.get(pk=submitted.pk)
    draft = Proposal.objects.filter(call=call, lead=lead, title_th=DRAFT_TITLE).first()
    if draft is None:
        draft = start_proposal(actor=lead, call=call, answers=eligible_answers(call))
        draft.title_th = DRAFT_TITLE
        draft.title_en = "Phitsanulok city learning space (example)"
        draft.duration_months = 10
        draft.save()
        Section.objects.filter(proposal=draft, key=SectionKey.PROBLEM).update(
            text="เมืองยังไม่มีพื้นที่เรียนรู้สาธารณะสำหรับเยาวชน (ข้อมูลตัวอย่าง)"
        )
    return [submitted, draft]


SUBMITTED_TITLE_EN = "A city database for planning the Lamphun town municipality (example)"


def complete_proposal(call, lead, starts_on, titles=(SUBMITTED_TITLE, SUBMITTED_TITLE_EN)):
    """A draft of `call` by `lead` with every part written, ready to submit, titled `titles`
    (Thai, English)."""
    proposal = start_proposal(actor=lead, call=call, answers=eligible_answers(call))
    proposal.title_th, proposal.title_en = titles
    proposal.duration_months = 12
    proposal.start_month = starts_on
    proposal.keywords = "GIS, ฐานข้อมูลเมือง, city data, Lamphun"
    proposal.summary_th = "โครงการนำฐานข้อมูล GIS และระบบสำรวจข้อมูลเมืองไปใช้กับเทศบาลเมืองลำพูน"
    proposal.summary_en = (
        "The project brings the GIS database and the urban survey system to Lamphun."
    )
    proposal.save()
    proposal.team.filter(user=lead).update(effort_percent=Decimal("50"))
    for key, text in SECTIONS.items():
        Section.objects.filter(proposal=proposal, key=key).update(text=text)
    lamphun = Municipality.objects.get(name_en="Lamphun")
    ProposalMunicipality.objects.create(
        proposal=proposal,
        municipality=lamphun,
        is_lead=True,
        role="พื้นที่ดำเนินการหลัก และร่วมจัดเก็บข้อมูล",
        contribution_kind="in_kind",
        contribution_amount=Decimal("150000"),
    )
    for name_en, use in [
        ("GIS database (geographic information system)", "จัดทำชั้นข้อมูลเชิงพื้นที่ของเมือง"),
        ("Urban survey system", "สำรวจข้อมูลครัวเรือนและกายภาพ"),
    ]:
        ProposalTechnology.objects.create(
            proposal=proposal, technology=Technology.objects.get(name_en=name_en), planned_use=use
        )
    for position, (name, start, end, weight) in enumerate(
        [
            ("สำรวจและจัดเก็บข้อมูลเมือง", 1, 5, Decimal("40")),
            ("จัดทำฐานข้อมูลและแพลตฟอร์ม", 4, 9, Decimal("35")),
            ("อบรมบุคลากรและส่งมอบระบบ", 9, 12, Decimal("25")),
        ]
    ):
        Activity.objects.create(
            proposal=proposal,
            position=position,
            name=name,
            start_month=start,
            end_month=end,
            deliverable="รายงานผลการดำเนินงาน",
            weight_percent=weight,
        )
    for code, description, quantity, unit_cost in BUDGET:
        equipment = code == "equipment"
        BudgetLine.objects.create(
            proposal=proposal,
            category=BudgetCategory.objects.get(call=call, code=code),
            fiscal_year=call.fiscal_year,
            description=description,
            quantity=quantity,
            unit_cost=unit_cost,
            specification="ความแม่นยำระดับเซนติเมตร รองรับ RTK" if equipment else "",
            justification="ใช้ระบุตำแหน่งข้อมูลสำรวจ" if equipment else "",
        )
    programme = call.programme
    for code, target, municipality in [("KR1.1", 1, None), ("KR3.3", 40, lamphun)]:
        indicator = Indicator.objects.get(programme=programme, code=code)
        IndicatorContribution.objects.create(
            proposal=proposal,
            indicator=indicator,
            fiscal_year=call.fiscal_year,
            municipality=municipality if indicator.per_municipality else None,
            target=Decimal(target),
            means_of_verification="รายงานและภาพหน้าจอระบบ",
        )
    ExpectedOutput.objects.create(
        proposal=proposal,
        output_type=OutputType.objects.get(code="product_prototype"),
        description="ฐานข้อมูลเมืองลำพูนบนแพลตฟอร์ม GIS",
        quantity=1,
        fiscal_year=call.fiscal_year,
    )
    for kind in call.required_attachments.all():
        attachment = ProposalAttachment(
            proposal=proposal, kind=kind, original_name="example.pdf", size=len(DEMO_PDF)
        )
        attachment.file.save(f"demo-{kind.pk}.pdf", ContentFile(DEMO_PDF), save=False)
        attachment.uploaded_by = lead
        attachment.save()
    return proposal
