"""Every document of the catalogue, built once for the module from the demo (with one proposal
of the open call decided, for the letter and the applicant's summary), in Thai, read back:

- the demo's counter-signed contract, its amendment and the change request it comes from;
- a PDF's text (what copying, searching and a screen reader get) holds the Thai words of the
  HTML it was printed from: SARA AM and tone marks as written (reports/pdf/text_layer.py);
- a workbook prints landscape, one page wide, its header row on every page, in Sarabun on
  every cell, and saves each formula with its value, the value the formula computes."""

import collections
import html
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import User
from core.thai import format_date
from indicators.models import Programme
from projects.models import Amendment, ProgressReport
from proposals.models import Call, Proposal, ProposalState
from reports import documents
from reports.pdf import render
from reviews.decisions.services import decide
from reviews.models import Assignment
from tests.factories import UserFactory
from tests.reports.pdf_scenario import submitted_review

pytestmark = pytest.mark.django_db

THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")


def thai_runs(text):
    return THAI_RUN.findall(text)


def page_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def html_text(source):
    """The text of an HTML document as it is printed (its title heads the pages): tags, the
    style sheet and the titles and descriptions of charts (for screen readers) dropped."""
    source = re.sub(r"<style\b.*?</style>", " ", source, flags=re.DOTALL)
    source = re.sub(r"<svg\b.*?</svg>", unspoken_dropped, source, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def unspoken_dropped(svg):
    return re.sub(r"<(title|desc)\b.*?</\1>", " ", svg.group(0), flags=re.DOTALL)


def subjects():
    """One subject per scope of the demo, and a proposal of the open call decided."""
    manager = User.objects.get(email="manager@example.org")
    open_call = Call.objects.open_at().get(has_concept_stage=False)
    proposal = Proposal.objects.filter(call=open_call).exclude(reference="").earliest("reference")
    Assignment.objects.filter(proposal=proposal).delete()
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.IN_REVIEW, round=1)
    proposal = Proposal.objects.get(pk=proposal.pk)
    scores = [criterion.scale_max for criterion in proposal.call.criteria.all()]
    submitted_review(proposal, UserFactory(), scores, "ควรดำเนินการต่อ")
    decide(
        proposal=proposal, outcome="approve", actor=manager, comment="อนุมัติตามที่เสนอ",
        approved_amount=Decimal("100000"),
    )  # fmt: skip
    return {
        documents.PROPOSAL: Proposal.objects.get(pk=proposal.pk),
        documents.CALL: open_call,
        documents.PROGRAMME: Programme.objects.get(code="SLC"),
        documents.PROGRESS_REPORT: paid_report(),
        documents.CHANGE_REQUEST: Amendment.objects.select_related("change").get().change,
    }


def paid_report():
    """The demo's accepted progress report that an instalment is paid on (the demo is dated
    from today, so it is found by what it is, not by its reference)."""
    return (
        ProgressReport.objects.filter(state="accepted", instalments__isnull=False)
        .exclude(instalments__state="cancelled")
        .order_by("proposal__reference", "pk")
        .first()
    )


def subject_for(document, found):
    if document.kind == "instalment-request-contract":
        return found[documents.PROGRESS_REPORT].proposal
    if document.kind == "contract":  # the demo's project with a counter-signed contract
        return found[documents.CHANGE_REQUEST].proposal
    return found[document.scope]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(kind, format): (the HTML a PDF was printed from or None, the file's bytes)} of every
    document of the catalogue, in Thai."""
    sources, results = [], {}

    def keep(template_name, context=None, *args, **kwargs):
        sources.append(render_to_string(template_name, context, *args, **kwargs))
        return sources[-1]

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as patch,
        translation.override("th"),
    ):
        call_command("seed_demo", verbosity=0)
        found = subjects()
        patch.setattr(render, "render_to_string", keep)
        for document in documents.all_documents():
            sources.clear()
            output = document.build(
                subject_for(document, found), user=None, options={},
                progress=documents.no_progress,
            )  # fmt: skip
            source = "\n".join(sources) if sources else None  # a long one prints in parts
            results[document.kind, document.format] = (source, output.content)
        transaction.set_rollback(True)
    return results


PDFS = [
    "change-request", "committee-sheet", "contract", "contract-amendment", "decision-letter",
    "instalment-request", "instalment-request-contract",
    "kpi-report", "progress-report", "proposal", "proposal-blind", "review-summary",
    "review-summary-applicant",
]  # fmt: skip
WORKBOOKS = [
    "adoption",
    "budget",
    "budget-proposal",
    "instalments",
    "kpi-matrix",
    "next-call",
    "payments",
    "register",
    "risks",
    "scores",
]


def test_every_document_of_the_catalogue_is_built(built):
    expected = [(kind, documents.PDF) for kind in PDFS] + [
        (kind, documents.XLSX) for kind in WORKBOOKS
    ]
    assert sorted(built) == sorted(expected)


# PDFs: the Thai text reads back as it was written ----------------------------------------------


@pytest.mark.parametrize("kind", PDFS)
def test_a_pdf_reads_back_the_thai_words_it_was_printed_from(built, kind):
    source, content = built[kind, documents.PDF]
    written = html_text(source)
    read = page_text(content)
    # Every Thai run read back is a piece of what was written (a line may break a run) or of
    # the running footer ("พิมพ์เมื่อ …", "หน้า X / Y"); the header's title is in the source.
    with translation.override("th"):
        footer = gettext("Printed on %(date)s") % {"date": format_date(timezone.localdate())}
        footer += gettext("Page %(page)s of %(pages)s")
    corrupted = [run for run in set(thai_runs(read)) if run not in written + footer]
    assert corrupted == []
    # and nothing written is lost: each Thai letter and mark is read back at least as often.
    letters_written = collections.Counter("".join(thai_runs(written)))
    letters_read = collections.Counter("".join(thai_runs(read)))
    assert letters_written - letters_read == collections.Counter()


# Workbooks: set up for printing, in Sarabun, each formula saved with its value --------------


def workbooks(built, kind):
    """The workbook of `kind` twice: with its formulas, and with the values saved for them
    (what a reader that does not recalculate shows)."""
    content = io.BytesIO(built[kind, documents.XLSX][1])
    formulas = load_workbook(content)
    content.seek(0)
    return formulas, load_workbook(content, data_only=True)


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_every_sheet_prints_landscape_one_page_wide_with_its_header_on_every_page(built, kind):
    book, _values = workbooks(built, kind)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_every_cell_is_in_sarabun_and_the_headers_in_bold(built, kind):
    book, _values = workbooks(built, kind)
    for sheet in book.worksheets:
        fonts = {cell.font.name for row in sheet.iter_rows() for cell in row}
        assert fonts == {"Sarabun"}, sheet.title
        assert all(cell.font.b for cell in sheet[1] if cell.value is not None), sheet.title


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_every_formula_is_saved_with_the_value_it_computes(built, kind):
    book, values = workbooks(built, kind)
    formulas = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    formulas += 1
                    saved = values[sheet.title][cell.coordinate].value
                    assert saved is not None, f"{sheet.title}!{cell.coordinate} {cell.value}"
                    computed = evaluate(cell.value, values, sheet.title)
                    assert amount(saved) == amount(computed), f"{sheet.title}!{cell.coordinate}"
    # The KPI matrix has no totals (its figures are the roll-up's), nor has the adoption
    # matrix (its cells are stages) nor the risk list (its cells are words), nor what the next
    # call needs (the projection's figures, not sums of cells).
    if kind not in ("kpi-matrix", "adoption", "risks", "next-call"):
        assert formulas


def amount(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


# A range, on this sheet or another: 'Sheet'!$C$2:$C$41 (names prefixed, to use it twice).
RANGE = (
    r"(?:'?(?P<{0}sheet>[^'!]+)'?!)?"
    r"\$?(?P<{0}col>[A-Z]+)\$?(?P<{0}first>\d+):\$?[A-Z]+\$?(?P<{0}last>\d+)"
)
SUM = re.compile(rf"=SUM\({RANGE.format('a')}\)")
SUMIFS = re.compile(rf"=SUMIFS\({RANGE.format('a')},{RANGE.format('b')},\$?(?P<key>[A-Z]+\d+)\)")
DIFFERENCE = re.compile(r"=(?P<left>[A-Z]+\d+)-(?P<right>[A-Z]+\d+)")


def cells(book, title, match, prefix):
    sheet = book[match.group(f"{prefix}sheet") or title]
    column = match.group(f"{prefix}col")
    first, last = int(match.group(f"{prefix}first")), int(match.group(f"{prefix}last"))
    return [sheet[f"{column}{row}"].value for row in range(first, last + 1)]


def evaluate(formula, book, title):
    """What one of the exports' formulas computes, from the values saved in the file."""
    if found := SUM.fullmatch(formula):
        return sum(amount(value) for value in cells(book, title, found, "a"))
    if found := SUMIFS.fullmatch(formula):
        key = book[title][found.group("key")].value
        pairs = zip(cells(book, title, found, "a"), cells(book, title, found, "b"), strict=True)
        return sum(amount(value) for value, code in pairs if code == key)
    if found := DIFFERENCE.fullmatch(formula):
        sheet = book[title]
        return amount(sheet[found.group("left")].value) - amount(sheet[found.group("right")].value)
    raise AssertionError(f"a formula this test cannot check: {formula}")
