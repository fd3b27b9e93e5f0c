"""The text a reader copies, searches or hears from a PDF is the text the document was written
with: SARA AM (ำ), which HarfBuzz draws as NIKHAHIT and SARA AA, reads back as ำ, a SARA AA as
า and a tone mark before a SARA AM as itself, in every document kind; and the pages still draw
the same glyphs at the same places.

Every PDF document kind is rendered once for the module, in Thai, from the demo (with one
proposal of the open call decided, for the letter and the applicant's summary), and its text is
compared with the HTML it was printed from."""

import collections
import html
import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from accounts.models import User
from core.thai import format_date
from indicators.models import Programme
from projects.models import ProgressReport
from proposals.models import Call, Proposal, ProposalState
from reports import documents
from reports.pdf import render
from reviews.decisions.services import decide
from reviews.models import Assignment
from tests.factories import UserFactory
from tests.reports.pdf_scenario import submitted_review

pytestmark = pytest.mark.django_db

THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
# Words where SARA AA comes first, then SARA AM, a tone before a SARA AM, and the reverse.
WORDS = "การดำเนินการ จำนวน ลำพูน น้ำท่วม ค่ำ ต่ำ ซ้ำ กำลัง ได้ สำนักงาน"


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
    proposal = Proposal.objects.get(reference="SLC-2568-0001")
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
        documents.CALL: Call.objects.get(code="SLC-2568"),
        documents.PROGRAMME: Programme.objects.get(code="SLC"),
        documents.PROGRESS_REPORT: ProgressReport.objects.filter(
            proposal__reference="SLC-2567-0002", state="accepted"
        ).first(),
    }


def subject_for(document, found):
    if document.kind == "instalment-request-contract":
        return Proposal.objects.get(reference="SLC-2567-0002")
    return found[document.scope]


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory):
    """{kind: (source HTML, PDF bytes)} of every PDF document, in Thai."""
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
            if document.format != documents.PDF:
                continue
            output = document.build(
                subject_for(document, found), user=None, options={},
                progress=documents.no_progress,
            )  # fmt: skip
            results[document.kind] = (sources[-1], output.content)
        transaction.set_rollback(True)
    return results


KINDS = sorted(
    [
        "proposal", "proposal-blind", "review-summary", "review-summary-applicant",
        "decision-letter", "committee-sheet", "kpi-report", "progress-report",
        "instalment-request", "instalment-request-contract",
    ]
)  # fmt: skip


def test_every_pdf_document_kind_is_printed(printed):
    assert sorted(printed) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_a_pdf_reads_back_the_thai_words_it_was_printed_from(printed, kind):
    source, content = printed[kind]
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


def test_sara_am_reads_back_whichever_comes_first_in_the_document():
    for words in (WORDS, " ".join(reversed(WORDS.split()))):
        with translation.override("th"):
            content = render.render_pdf(
                "reports/pdf/base.html", {"issuer": words}, title=words, reference="R-1"
            )
        assert page_text(content).count(words) == 3  # the header, the heading, the issuer


def test_the_mended_pdf_draws_the_same_glyphs_as_weasyprint_alone(monkeypatch):
    """The character codes of the mended page, put through its fonts' CIDToGIDMap, are the
    glyph ids WeasyPrint drew."""
    pages = {}
    for name, finisher in (("mended", render._finisher), ("alone", lambda: None)):
        monkeypatch.setattr(render, "_finisher", finisher)
        with translation.override("th"):
            content = render.render_pdf(
                "reports/pdf/base.html", {"issuer": WORDS}, title=WORDS, reference="R-1"
            )
        pages[name] = PdfReader(io.BytesIO(content)).pages[0]
    assert drawn_glyphs(pages["mended"]) == drawn_glyphs(pages["alone"])
    assert WORDS in pages["mended"].extract_text()
    assert WORDS not in pages["alone"].extract_text()


def drawn_glyphs(page):
    """[(font's base name, glyph id)] of every glyph the page's content shows, in order."""
    maps = {}
    for name, font in page["/Resources"]["/Font"].items():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        gid_map = descendant["/CIDToGIDMap"]
        table = None if gid_map == "/Identity" else gid_map.get_object().get_data()
        maps[name] = SimpleNamespace(base=str(descendant["/BaseFont"]), table=table)
    drawn, font = [], None
    content = page.get_contents().get_data().decode("latin-1")
    for token in re.finditer(r"/(\w+) [\d.]+ Tf|<([0-9a-f]*)>", content):
        if token.group(1):
            font = maps["/" + token.group(1)]
            continue
        digits = token.group(2)
        for start in range(0, len(digits), 4):
            code = int(digits[start : start + 4], 16)
            if font.table is not None and 2 * code < len(font.table):
                code = int.from_bytes(font.table[2 * code : 2 * code + 2], "big")
            drawn.append((font.base, code))
    return drawn
