"""A long KPI report is printed in parts and merged, so that its progress moves after each
part: read back, it is one document, its pages counted across the parts ("Page X of Y" on
every page, Y the whole), its head and the municipalities' heading printed once, the same
text as the report printed in one go — whether the parts are printed in the worker's own
process or side by side in printing processes (reports/pdf/printer.py)."""

import pytest
from django.utils import translation

from reports import documents
from reports.pdf import kpi
from tests.reports.pdf_text import pages_text, reader, thai
from tests.reports.test_pdf_kpi import build_world, squeeze

pytestmark = pytest.mark.django_db


def build(programme, monkeypatch, *, part_rows):
    monkeypatch.setattr(kpi, "PART_ROWS", part_rows)
    monkeypatch.setattr(kpi, "PARTS", 100)
    seen = []
    with translation.override("th"):
        output = documents.get("kpi-report", documents.PDF).build(
            programme, user=None, options={"fiscal_year": "2568"}, progress=seen.append
        )
    return output, seen


@pytest.mark.parametrize("processes", [1, 3])
def test_the_report_in_parts_reads_as_one_document(monkeypatch, settings, processes):
    settings.REPORT_PDF_PROCESSES = processes
    programme, _labels = build_world()
    whole, whole_progress = build(programme, monkeypatch, part_rows=10_000)
    parted, parted_progress = build(programme, monkeypatch, part_rows=1)
    assert whole_progress == [10, 20, 95]
    # The first part (up to the objectives, and the north town), then the south town's.
    assert parted_progress[:2] == [10, 20]
    assert len(parted_progress) == 4
    assert 20 < parted_progress[2] < parted_progress[3] == 95

    pages, whole_pages = pages_text(parted), pages_text(whole)
    assert len(pages) == len(whole_pages) > 2
    for number, page in enumerate(pages, start=1):
        assert thai("Programme KPI report") in page
        assert thai("Page %(page)s of %(pages)s", page=number, pages=len(pages)) in page
    everything = squeeze("\n".join(pages))
    intro = (
        "A page for each municipality with counted commitments or results in these filters. "
        "The share is of the whole programme's target, so it has no status."
    )
    assert everything.count(squeeze(thai(intro))) == 1
    assert everything.count(squeeze(thai("Headline figures"))) == 1
    # Page by page the same text, but for where the stamped page number reads back.
    for number, (page, alone) in enumerate(zip(pages, whole_pages, strict=True), start=1):
        stamp = squeeze(thai("Page %(page)s of %(pages)s", page=number, pages=len(pages)))
        assert sorted(squeeze(page).replace(stamp, "")) == sorted(squeeze(alone).replace(stamp, ""))
    assert reader(parted).metadata.title.startswith(thai("Programme KPI report"))
