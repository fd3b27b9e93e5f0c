"""A project's progress report and its instalment requests read back: the Thai title, the
reference, the contract, the amounts in figures and in Thai words, the evidence (file names,
their addresses, links), the officer's decision, headers repeated over pages, Sarabun embedded;
who may have each; when a request does not exist yet; a fixed number of queries.

The documents are rendered once for the module, from a world rolled back afterwards: project
P-… funded for 900,000 baht (40% on the contract, 40% on the 6-month report, 20% on the final
one), its 6-month report filled in, submitted and accepted, the first instalment released."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from accounts.services import absolute_url
from core.thai import format_date
from indicators.models import OutputType
from projects.models import (
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
)
from projects.progress.services import states as report_states
from proposals.models import (
    Activity,
    BudgetCategory,
    IndicatorContribution,
    ProgressReportKind,
    TeamMember,
)
from reports import documents
from reports.pdf import progress
from reports.pdf.common import DocumentUnavailable
from reports.pdf.letters import addressee_position
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import ANONYMOUS, count_queries
from tests.projects.payment_builders import pay_instalment
from tests.projects.report_builders import add_member, complete_report, report_of, rich_project
from tests.reports.pdf_text import fonts, pages_text, thai

pytestmark = pytest.mark.django_db

D = Decimal
LEAD = {"full_name_th": "สมหญิง รายงานดี", "full_name_en": "Somying Raingandee"}
COMMENT = "รับรองรายงานตามที่เสนอ ขอบคุณคณะผู้วิจัย"
EVIDENCE_NAME = "บันทึกการประชุมเทศบาล.pdf"
OUTPUT = "คู่มือการใช้ระบบข้อมูลเมือง"
EXTRA_ACTIVITIES = 40  # so that the work plan's table runs over pages
REQUESTS = {
    "report": ("progress-report", "report", "th"),
    "report_en": ("progress-report", "report", "en"),
    "request": ("instalment-request", "report", "th"),
    "request_en": ("instalment-request", "report", "en"),
    "contract": ("instalment-request-contract", "project", "th"),
}


def fill_report(report, officer):
    """Forty more activities, a spending line, an evidence file, an output; then the
    report is submitted by its lead and accepted with COMMENT."""
    proposal = report.proposal
    for number in range(1, EXTRA_ACTIVITIES + 1):
        Activity.objects.create(
            proposal=proposal, position=100 + number, name=f"กิจกรรมย่อยที่ {number}",
            start_month=1, end_month=6, weight_percent=D("0"),
        )  # fmt: skip
    report = complete_report(report)
    result = IndicatorResult.objects.filter(report=report).order_by("indicator__code").first()
    ResultEvidence.objects.create(
        result=result,
        file=ContentFile(b"%PDF-1.4 minutes", name="minutes.pdf"),
        original_name=EVIDENCE_NAME,
        size=16,
    )
    personnel = BudgetCategory.objects.get(call=proposal.call, code="personnel")
    Spending.objects.create(
        report=report, category=personnel, amount=D("120000.00"), note="ค่าจ้างผู้ช่วยวิจัย"
    )
    output_type, _created = OutputType.objects.get_or_create(
        code="manual-test", defaults={"name_th": "คู่มือ", "name_en": "Manual"}
    )
    DeliveredOutput.objects.create(
        report=report, output_type=output_type, description=OUTPUT, quantity=2,
        link="https://example.org/manual",
    )  # fmt: skip
    report_states.submit_report(report=report, actor=proposal.lead)
    return report_states.accept_report(report=report, actor=officer, comment=COMMENT)


def build_world():
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    lead = UserFactory(roles=[Role.RESEARCHER], **LEAD)
    project = rich_project(officer, lead=lead)
    report = fill_report(report_of(project), officer)
    first = Instalment.objects.get(proposal=project, number=1)
    pay_instalment(first, officer=officer, paid_on=datetime.date(2025, 1, 20), reference="KTB-0001")
    return SimpleNamespace(officer=officer, project=project, report=report)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """{name: Output} of REQUESTS and plain facts of the world, which is rolled back."""
    outputs = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
        transaction.atomic(),
    ):
        world = build_world()
        for name, (kind, subject, language) in REQUESTS.items():
            document = documents.get(kind, documents.PDF)
            with translation.override(language):
                outputs[name] = document.build(
                    getattr(world, subject), user=None, options={}, progress=documents.no_progress
                )
        evidence = ResultEvidence.objects.get(result__report=world.report)
        facts = SimpleNamespace(
            reference=world.project.reference,
            title=world.project.title_th,
            contract=world.project.award.contract_number,
            contract_date=world.project.award.contract_date,
            evidence_url=absolute_url(
                reverse("projects:progress_evidence_download", args=[world.report.pk, evidence.pk])
            ),
            accepted_on=timezone.localdate(world.report.decided_at),
            funder=world.project.call.programme.funder.name_th,
            lead_email=world.project.lead.email,
        )
        transaction.set_rollback(True)
    return SimpleNamespace(outputs=outputs, facts=facts)


@pytest.fixture(scope="module")
def pages(rendered):
    return {name: pages_text(output) for name, output in rendered.outputs.items()}


def squeeze(text):
    return "".join(text.split())


def joined(pages, name):
    return "\n".join(pages[name])


# The progress report ------------------------------------------------------------------------------


def test_the_documents_are_named_after_the_project_and_the_report(rendered):
    reference = rendered.facts.reference
    assert {name: output.filename for name, output in rendered.outputs.items()} == {
        "report": f"{reference}-month-6-progress-report.pdf",
        "report_en": f"{reference}-month-6-progress-report.pdf",
        "request": f"{reference}-month-6-instalment-request.pdf",
        "request_en": f"{reference}-month-6-instalment-request.pdf",
        "contract": f"{reference}-contract-instalment-request.pdf",
    }


@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_document_embeds_only_sarabun(rendered, name):
    used = fonts(rendered.outputs[name])
    assert used
    assert all("Sarabun" in base_font and embedded for base_font, embedded in used), used


def test_every_page_of_the_report_carries_its_thai_title_and_reference(pages, rendered):
    document = pages["report"]
    assert len(document) >= 3
    for number, page in enumerate(document, start=1):
        assert thai("6-month progress report") in page
        assert rendered.facts.reference in page
        assert thai("Page %(page)s of %(pages)s", page=number, pages=len(document)) in page


def test_the_report_prints_the_project_contract_period_and_the_officers_decision(pages, rendered):
    content = joined(pages, "report")
    facts = rendered.facts
    for expected in (
        facts.title,
        facts.contract,
        thai("signed %(date)s", date=format_date(facts.contract_date, "long", "th")),
        "900,000.00",
        "1 มกราคม 2568 – 30 มิถุนายน 2568",  # the period, in the Buddhist era
        thai("Accepted", context="progress report state"),
        COMMENT,
        "ดำเนินการตามแผน",  # the narrative
        LEAD["full_name_th"],
    ):
        assert expected in content, expected


def test_the_report_prints_spending_results_evidence_and_outputs(pages, rendered):
    flat = squeeze(joined(pages, "report"))
    for expected in ("120,000.00", "ค่าจ้างผู้ช่วยวิจัย", EVIDENCE_NAME, OUTPUT, "KR2.1"):
        assert squeeze(expected) in flat, expected
    assert rendered.facts.evidence_url in flat  # the address that downloads the file
    assert "https://example.org/evidence" in flat  # the evidence links
    assert "https://example.org/manual" in flat
    assert squeeze(thai("Instalments paid on this report")) in flat


def test_the_work_plans_header_is_repeated_on_every_page_it_spans(pages):
    document = pages["report_en"]
    first = next(i for i, page in enumerate(document) if "Progress of the work plan" in page)
    last = next(i for i, page in enumerate(document) if f"ที่ {EXTRA_ACTIVITIES}" in page)
    assert last > first
    for page in document[first : last + 1]:
        assert "Progress (%)" in page


def test_a_returned_report_says_so_with_the_officers_comment():
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    project = rich_project(officer)
    report = complete_report(report_of(project))
    report_states.submit_report(report=report, actor=project.lead)
    report_states.return_report(report=report, actor=officer, comment="โปรดแนบภาพถ่าย")
    report = progress.report_for_print(report)
    with translation.override("en"):
        html = render_to_string("reports/pdf/progress_report.html", progress.report_context(report))
    assert "Returned to the team for changes" in html
    assert "โปรดแนบภาพถ่าย" in html
    assert "Accepted by the funding officer" not in html


# The instalment requests --------------------------------------------------------------------------


def test_the_request_asks_for_instalment_two_in_figures_and_thai_words(pages, rendered):
    content = joined(pages, "request")
    flat = squeeze(content)
    facts = rendered.facts
    for expected in (
        thai("Instalment request"),
        facts.reference,
        facts.contract,
        "360,000.00",
        "สามแสนหกหมื่นบาทถ้วน",  # the amount requested, in words
        "เก้าแสนบาทถ้วน",  # the approved budget, in words
        thai("6-month progress report"),
        format_date(facts.accepted_on, "long", "th"),  # when the report was accepted
    ):
        assert squeeze(expected) in flat, expected
    # approved 900,000; released before 360,000 (instalment 1); now 360,000; 180,000 left.
    sums = [
        (thai("Approved budget of the contract"), "900,000.00"),
        (thai("Released before this request"), "360,000.00"),
        (thai("Remaining after this payment"), "180,000.00"),
    ]
    for label, amount in sums:
        assert squeeze(label + amount) in flat, label
    assert squeeze(thai("Requested now")) in flat


def test_the_request_has_signature_blocks_for_the_lead_the_officer_and_the_approver(pages):
    content = joined(pages, "request_en")
    assert len(pages["request_en"]) == 1
    for expected in (
        "Yours faithfully,",
        f"({LEAD['full_name_en']})",
        "Lead researcher",
        "Checked by (funding officer)",
        "Approved by",
        "Request for payment of instalment 2",
        "360,000.00",
    ):
        assert expected in content, expected
    assert "บาทถ้วน" not in content  # words are for Thai letters


def test_the_request_is_the_teams_official_letter_to_the_programme(pages, rendered):
    text = joined(pages, "request")
    facts = rendered.facts
    parts = [
        "ที่ ......",  # numbered by the team's own registry
        f"เรื่อง ขอเบิกเงินงวดที่ 2 ของโครงการ {facts.reference}",
        f"เรียน ผู้อำนวยการ{facts.funder}",  # the programme names no signatory
        f"อ้างถึง สัญญารับทุนเลขที่ {facts.contract}",
        "สิ่งที่ส่งมาด้วย " + thai("6-month progress report"),
        "ขอแสดงความนับถือ",
        f"({LEAD['full_name_th']})",
        "หัวหน้าโครงการ",
        facts.lead_email,  # the contact line
        thai("Checked by (funding officer)"),
    ]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, [part for part in parts if part not in text]
    assert positions == sorted(positions)


def test_a_request_is_addressed_to_the_programmes_signatory_when_it_names_one():
    programme = SimpleNamespace(funder=SimpleNamespace(name="หน่วยงานทดสอบ"))
    values = {"signatory_position_th": "ผู้อำนวยการแผนงานทดสอบ", "signatory_position_en": "Head"}
    with translation.override("th"):
        assert addressee_position(values, programme) == "ผู้อำนวยการแผนงานทดสอบ"
        assert addressee_position({}, programme) == "ผู้อำนวยการหน่วยงานทดสอบ"
    with translation.override("en"):
        assert addressee_position(values, programme) == "Head"


def test_the_contract_request_asks_for_the_first_instalment(pages, rendered):
    flat = squeeze(joined(pages, "contract"))
    for expected in (
        thai("A copy of the signed contract"),
        "360,000.00",
        "สามแสนหกหมื่นบาทถ้วน",
        thai("Released before this request") + "0.00",
        thai("Remaining after this payment") + "540,000.00",
        "KTB-0001",  # its payment, for the funder's records
    ):
        assert squeeze(expected) in flat, expected


def test_no_request_before_the_report_is_accepted():
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    project = rich_project(officer)
    report = complete_report(report_of(project))
    report_states.submit_report(report=report, actor=project.lead)
    build = documents.get("instalment-request", documents.PDF).build
    with translation.override("en"), pytest.raises(DocumentUnavailable) as raised:
        build(report, user=None, options={}, progress=documents.no_progress)
    message = "The instalment can be requested once this report has been accepted."
    assert str(raised.value) == message


def test_no_contract_request_when_nothing_is_paid_on_the_contract():
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    project = rich_project(officer)
    Instalment.objects.filter(proposal=project, report_kind=ProgressReportKind.CONTRACT).update(
        state=InstalmentState.CANCELLED
    )
    build = documents.get("instalment-request-contract", documents.PDF).build
    with translation.override("en"), pytest.raises(DocumentUnavailable) as raised:
        build(project, user=None, options={}, progress=documents.no_progress)
    assert str(raised.value) == "No instalment of this project is paid on the contract."


# Who may have them --------------------------------------------------------------------------------

READERS = {"funding_officer", "administrator", "lead", "co_researcher", "manager_of_the_programme"}


@pytest.fixture
def world(personas):
    """A funded project with its 6-month report submitted, and everyone around it."""
    officer = personas["funding_officer"]
    project = rich_project(officer)
    people = {**personas, ANONYMOUS: AnonymousUser(), "command_line": None}
    people["lead"] = project.lead
    people["co_researcher"] = add_member(project)
    pending = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(proposal=project, user=pending, email=pending.email)
    people["pending_co_researcher"] = pending
    people["other_team"] = rich_project(officer).lead
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    project.call.programme.managers.add(manager)
    people["manager_of_the_programme"] = manager
    report = complete_report(report_of(project))
    report_states.submit_report(report=report, actor=project.lead)
    return SimpleNamespace(project=project, report=report, people=people, officer=officer)


def allowed(kind, subject, people):
    may = documents.get(kind, documents.PDF).may
    return {name for name, user in people.items() if may(user, subject)}


def test_the_documents_are_in_the_catalogue_with_their_scope():
    scopes = {
        kind: documents.get(kind, documents.PDF).scope
        for kind in ("progress-report", "instalment-request", "instalment-request-contract")
    }
    assert scopes == {
        "progress-report": documents.PROGRESS_REPORT,
        "instalment-request": documents.PROGRESS_REPORT,
        "instalment-request-contract": documents.PROPOSAL,
    }


def test_the_progress_report_goes_to_the_report_pages_readers(world):
    assert allowed("progress-report", world.report, world.people) == READERS


def test_the_request_exists_for_nobody_until_the_report_is_accepted(world):
    assert allowed("instalment-request", world.report, world.people) == set()
    report = report_states.accept_report(report=world.report, actor=world.officer)
    assert allowed("instalment-request", report, world.people) == READERS


def test_the_contract_request_goes_to_the_project_pages_readers(world):
    assert allowed("instalment-request-contract", world.project, world.people) == READERS


def test_a_report_with_its_instalments_cancelled_has_no_request(world):
    report = report_states.accept_report(report=world.report, actor=world.officer)
    Instalment.objects.filter(report=report).update(state=InstalmentState.CANCELLED)
    assert allowed("instalment-request", report, world.people) == set()


# Queries ----------------------------------------------------------------------------------------


def add_rows(report, count):
    """`count` more of every row the report prints: activities, spending categories' lines,
    results per municipality (each with two evidence files) and outputs."""
    proposal = report.proposal
    output_type, _created = OutputType.objects.get_or_create(
        code="manual-test", defaults={"name_th": "คู่มือ", "name_en": "Manual"}
    )
    per_town = IndicatorResult.objects.filter(report=report, municipality__isnull=False).first()
    indicator = per_town.indicator
    for number in range(count):
        Activity.objects.create(
            proposal=proposal, position=200 + number, name=f"งาน {number}", start_month=1,
            end_month=2, weight_percent=D("0"),
        )  # fmt: skip
        town = MunicipalityFactory()
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=indicator, fiscal_year=proposal.call.fiscal_year,
            municipality=town, target=D(1),
        )  # fmt: skip
        result = IndicatorResult.objects.create(
            report=report, indicator=indicator, municipality=town, value=D(1)
        )
        for name in ("a.pdf", "b.pdf"):
            ResultEvidence.objects.create(
                result=result, file=ContentFile(b"x", name=name), original_name=name, size=1
            )
        DeliveredOutput.objects.create(
            report=report, output_type=output_type, description=f"ผลผลิต {number}"
        )


def report_queries(report):
    def run():
        render_to_string(
            "reports/pdf/progress_report.html",
            progress.report_context(progress.report_for_print(report)),
        )

    return count_queries(run)


def test_the_report_reads_as_many_queries_for_few_or_many_rows(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    report = complete_report(report_of(rich_project(officer)))
    few = report_queries(report)
    add_rows(report, 8)
    assert report_queries(report) == few


def request_queries(report):
    def run():
        proposal = progress._project(report.proposal_id)
        requested = progress.requested_on_report(report)
        context = progress.request_context(proposal, proposal.award, requested, report)
        render_to_string("reports/pdf/instalment_request.html", context)

    return count_queries(run)


def test_the_request_reads_as_many_queries_for_one_instalment_or_several():
    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    project = rich_project(officer)
    report = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6)
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.ACCEPTED)
    few = request_queries(report)
    for number in (4, 5, 6):
        Instalment.objects.create(
            proposal=project, number=number, percent=D("1"), amount=D("1000.00"),
            report_kind=ProgressReportKind.MONTH_6, report=report, state=InstalmentState.DUE,
        )  # fmt: skip
    assert request_queries(report) == few
