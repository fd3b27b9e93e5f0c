"""Each PDF document read back: the Thai title, the reference, the amounts in figures and in
Thai words, Sarabun embedded, the running header and "page X of Y", Buddhist-era dates, the
order of a Thai research proposal, a long budget's header on every page, the blind copy
naming nobody, the applicant's summary anonymised, the committee sheet landscape.

Every document is rendered once for the whole module (pdf_scenario.render_documents)."""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.thai import format_date
from reports import documents
from tests.reports.pdf_scenario import (
    APPROVED_WORDS,
    CONFIDENTIAL,
    IDENTITY,
    LEAD,
    REVIEWERS,
    render_documents,
)
from tests.reports.pdf_text import fonts, is_landscape, pages_text, reader

# The documents are rendered once for the module, outside the tests' own transactions; the
# mark makes pytest-django create the test database for this module too.
pytestmark = pytest.mark.django_db

REQUESTS = {
    "proposal": ("proposal", "th", {}),
    "blind": ("proposal-blind", "th", {}),
    "summary": ("review-summary", "th", {}),
    "applicant": ("review-summary-applicant", "th", {}),
    "letter": ("decision-letter", "th", {}),
    "committee": ("committee-sheet", "th", {}),
    "proposal_en": ("proposal", "en", {}),
    "what_if": ("committee-sheet", "th", {"budget": "1000000"}),
}
THAI = ["proposal", "blind", "summary", "applicant", "letter", "committee"]
REFERENCE = "SLC-2568-0001"


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker, tmp_path_factory):
    return render_documents(django_db_blocker, tmp_path_factory.mktemp("media"), REQUESTS)


@pytest.fixture(scope="module")
def pages(pdfs):
    """The text of each document's pages, extracted once (pypdf takes its time)."""
    return {name: pages_text(pdfs[name]) for name in REQUESTS}


def joined(pages, name):
    return "\n".join(pages[name])


def thai(message, **values):
    with translation.override("th"):
        text = gettext(message)
    return text % values if values else text


def test_each_document_is_a_pdf_named_after_its_reference(pdfs):
    names = {name: pdfs[name].filename for name in THAI}
    assert names == {
        "proposal": "SLC-2568-0001-proposal.pdf",
        "blind": "SLC-2568-0001-proposal-blind.pdf",
        "summary": "SLC-2568-0001-review-summary.pdf",
        "applicant": "SLC-2568-0001-review-summary-applicant.pdf",
        "letter": "SLC-2568-0001-decision-letter.pdf",
        "committee": "SLC-2568-committee-sheet.pdf",
    }
    for name in THAI:
        assert pdfs[name].format == documents.PDF
        assert pdfs[name].content_type == "application/pdf"
        assert pdfs[name].content.startswith(b"%PDF-")


@pytest.mark.parametrize("name", THAI)
def test_every_document_embeds_the_sarabun_font(pdfs, name):
    used = fonts(pdfs[name])
    assert used, "no font at all"
    assert all("Sarabun" in base_font for base_font, _embedded in used), used
    assert all(embedded for _base_font, embedded in used), used


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("proposal", "Research proposal"),
        ("blind", "Research proposal (blind review)"),
        ("summary", "Review summary"),
        ("applicant", "Decision and reviewers' comments"),
        ("letter", "Decision letter"),
    ],
)
def test_every_thai_page_carries_the_title_the_reference_and_page_x_of_y(pdfs, name, title, pages):
    document = pages[name]
    for number, page in enumerate(document, start=1):
        assert thai(title) in page
        assert REFERENCE in page
        assert thai("Page %(page)s of %(pages)s", page=number, pages=len(document)) in page


def test_every_english_page_says_page_x_of_y(pdfs, pages):
    document = pages["proposal_en"]
    assert len(document) >= 3
    for number, page in enumerate(document, start=1):
        assert "Research proposal" in page
        assert REFERENCE in page
        assert f"Page {number} of {len(document)}" in page


def test_the_proposal_prints_its_thai_title_reference_and_budget_in_figures_and_words(pdfs, pages):
    content = joined(pages, "proposal")
    for expected in (
        "ระบบฐานข้อมูลเมืองเพื่อการวางแผน",
        REFERENCE,
        "950,000.00",
        APPROVED_WORDS,
        "250,000.00",
        "605,000.00",
        "95,000.00",
    ):
        assert expected in content, expected
    assert reader(pdfs["proposal"]).metadata.title == f"{thai('Research proposal')} {REFERENCE}"


def test_the_proposal_follows_the_order_of_a_thai_research_proposal(pdfs, pages):
    content = joined(pages, "proposal_en")
    headings = [
        "General information",
        "Research team and effort",
        "Municipalities and area",
        "Technologies",
        "Summary",
        "Problem and rationale",
        "Objectives",
        "Method",
        "Area and target group",
        "Risks and how they are managed",
        "Expected benefits",
        "Work plan",
        "Budget",
        "Targeted indicators",
        "Expected outputs",
        "Attachments",
    ]
    positions = [content.index(f"{number}. {heading}\n") for number, heading in
                 enumerate(headings, start=1)]  # fmt: skip
    assert positions == sorted(positions)


def test_a_long_budget_repeats_its_table_header_on_every_page_it_spans(pdfs, pages):
    document = pages["proposal_en"]
    first = next(i for i, page in enumerate(document) if "Budget lines" in page)
    last = next(i for i, page in enumerate(document) if "ชุดที่ 40" in page)
    assert last > first
    for page in document[first : last + 1]:
        assert "Unit cost (baht)" in page


def test_dates_are_in_the_buddhist_era_in_thai_and_gregorian_in_english(pdfs, pages):
    today = timezone.localdate()
    thai_text = joined(pages, "proposal")
    assert format_date(today, "long", "th") in thai_text  # e.g. 24 พฤศจิกายน 2569
    assert f"มกราคม {2026 + 543}" in thai_text  # the project starts in January 2026
    assert str(today.year) not in thai_text
    assert format_date(today, "long", "en") in joined(pages, "proposal_en")


def test_the_blind_copy_names_nobody_of_the_team(pdfs, pages):
    full, blind = joined(pages, "proposal"), joined(pages, "blind")
    metadata = " ".join(str(value) for value in reader(pdfs["blind"]).metadata.values())
    for identity in IDENTITY:
        assert identity in full, identity  # the text can be read back at all
        assert identity not in blind, identity
        assert identity not in metadata, identity
    assert "letter.pdf" in full
    assert "letter.pdf" not in blind
    assert "SLC-2568-0001-letter-of-intent.pdf" in blind
    assert "950,000.00" in blind
    assert APPROVED_WORDS in blind


def test_the_review_summary_shows_each_reviewers_scores_and_the_statistics(pdfs, pages):
    content = joined(pages, "summary")
    for name, _scores, _comment in REVIEWERS:
        assert name in content
    for expected in (
        "90.00",  # 60 × 4/4 + 40 × 3/4
        "75.00",
        "65.00",
        "76.67",  # the mean
        "12.58",  # the sample standard deviation
        "65.00–90.00",
        "67.00",  # the normalised mean: every reviewer has one review, so the call's mean
        "4.33",  # the mean of the first criterion
        CONFIDENTIAL,
        "950,000.00",
        APPROVED_WORDS,
    ):
        assert expected in content, expected


def test_the_applicant_summary_numbers_the_reviewers_and_hides_names_and_scores(pdfs, pages):
    content = joined(pages, "applicant")
    for number in (1, 2, 3):
        assert f"{thai('Reviewer')} {number}" in content
    assert "Budget is reasonable for the scope." in content
    assert "เห็นควรสนับสนุน" in content
    assert "950,000.00" in content
    assert APPROVED_WORDS in content
    for name, _scores, _comment in REVIEWERS:
        assert name not in content
    for hidden in (CONFIDENTIAL, "90.00", "76.67", "12.58"):
        assert hidden not in content


def test_the_decision_letter_states_the_approved_amount_in_figures_and_words(pdfs, pages):
    content = joined(pages, "letter")
    scenario = pdfs["scenario"]
    for expected in (
        REFERENCE,
        scenario.title_th,
        LEAD["full_name_th"],
        "950,000.00",
        APPROVED_WORDS,
        "อนุมัติตามที่เสนอ",
        str(scenario.decided_year_be),
    ):
        assert expected in content, expected


def test_the_committee_sheet_is_landscape_with_the_ranking_and_the_funding_line(pdfs, pages):
    assert is_landscape(pdfs["committee"])
    assert not is_landscape(pdfs["proposal"])
    content = joined(pages, "committee")
    assert thai("Committee sheet") in content
    first, second, third = (content.index(f"SLC-2568-000{n}") for n in (1, 2, 3))
    line = content.index("2,000,000.00", content.index("SLC-2568-0002"))
    assert first < second < line < third
    for expected in (
        "2,000,000.00",
        "สองล้านบาทถ้วน",
        "1,850,000.00",  # above the line: 950,000 + 900,000
        "หนึ่งล้านแปดแสนห้าหมื่นบาทถ้วน",
        "150,000.00",  # left
        "2,750,000.00",  # the cumulative amount of the third
    ):
        assert expected in content, expected


def test_the_committee_sheet_takes_the_ranking_pages_what_if(pdfs, pages):
    content = joined(pages, "what_if")
    for expected in ("1,000,000.00", "หนึ่งล้านบาทถ้วน", "950,000.00", APPROVED_WORDS, "50,000.00"):
        assert expected in content, expected
    assert "1,850,000.00" in content  # the second proposal's cumulative amount, now below
