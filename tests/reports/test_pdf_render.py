"""The printing machinery of every PDF: the running header's text can never break out of its
CSS string, the footer follows the language, nothing but the font files is fetched, nothing
is justified, and a document that does not exist yet says so instead of printing."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from proposals.models import Proposal
from reports import documents
from reports.pdf import proposal as proposal_module
from reports.pdf import render
from reports.pdf.common import DocumentUnavailable
from reports.pdf.proposal import work_plan
from tests.proposals.lifecycle.conftest import make_complete_proposal
from tests.reports.pdf_text import is_landscape, reader, text

TEMPLATES = Path(render.HERE).parent / "templates" / "reports" / "pdf"


def test_a_css_string_escapes_quotes_backslashes_angle_brackets_and_line_breaks():
    assert render.css_string('ก"ข\\ค</style>\nง') == '"ก\\22 ข\\5c ค\\3c /style\\3e \\a ง"'


def test_the_footer_counts_pages_in_the_readers_language():
    with translation.override("en"):
        assert render.page_counter_content() == '"Page " counter(page) " of " counter(pages)'


def test_a_wide_document_turns_the_page():
    assert "size: A4 landscape;" in render._page_css(title="t", reference="r", landscape=True)
    assert "size: A4;" in render._page_css(title="t", reference="r", landscape=False)


def test_only_the_font_files_and_the_stylesheet_may_be_fetched():
    fetcher = render.LocalFilesOnly()
    font = Path(settings.SARABUN_DIR) / "Sarabun-Regular.ttf"
    response = fetcher.fetch(font.as_uri())
    response.close()
    for url in ("file:///etc/hostname", "https://example.org/logo.png", "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_no_document_justifies_its_text():
    assert "justify" not in render._static_css()
    for template in TEMPLATES.glob("*.html"):
        assert "justify" not in template.read_text(encoding="utf-8"), template.name


def test_a_title_cannot_restyle_the_page_and_html_in_the_text_stays_text():
    with translation.override("en"):
        output = documents.Output(
            "x.pdf",
            render.render_pdf(
                "reports/pdf/base.html",
                {"issuer": '<img src="file:///etc/hostname"> PMU-A'},
                title='"; } @page { size: A3 landscape; } x { content: "',
                reference="REF-1",
            ),
            documents.PDF,
        )
    page = reader(output).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
    assert not is_landscape(output)
    content = text(output)
    assert '<img src="file:///etc/hostname"> PMU-A' in content
    assert "@page { size: A3 landscape; }" in content  # printed as the header's text
    assert "Page 1 of 1" in content


@pytest.mark.parametrize("kind", ["decision-letter", "review-summary-applicant"])
def test_a_decision_document_before_any_decision_is_refused_with_a_reason(db, settings, tmp_path,
                                                                          kind):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    proposal = make_complete_proposal()
    build = documents.get(kind, documents.PDF).build
    with translation.override("en"), pytest.raises(DocumentUnavailable) as raised:
        build(proposal, user=None, options={}, progress=documents.no_progress)
    assert str(raised.value) == "No decision has been taken on this proposal yet."


def test_the_work_plan_is_a_bar_chart_of_months_up_to_two_years():
    activity = SimpleNamespace(start_month=2, end_month=3)
    assert work_plan([activity], 4) == [
        {"activity": activity, "months": [False, True, True, False]}
    ]
    assert work_plan([activity], 25) == [{"activity": activity, "months": []}]


def test_a_longer_work_plan_prints_its_months_as_ranges(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = make_complete_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(duration_months=36)
    with translation.override("en"):
        html = render_to_string(
            proposal_module.TEMPLATE,
            proposal_module.proposal_context(
                proposal_module.proposal_for_print(proposal), blind=False
            ),
        )
    assert "Month of the project" not in html
    assert '<td class="nowrap">1–6</td>' in html
    assert '<td class="nowrap">7–12</td>' in html
