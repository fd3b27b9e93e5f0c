"""The programme KPI report read back: the Thai title and the programme on every page, the
roll-up's figures in the dashboard's filters, the framework's header repeated across pages,
the objectives' charts with their text set as HTML, a page per municipality with data, Sarabun
embedded; who may have it; that it runs as a report job; a fixed number of queries.

The documents are rendered once for the module (in a transaction rolled back afterwards)."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core.thai import format_date
from indicators.charts import target as chart_target
from indicators.demo import seed_framework, seed_programme
from indicators.models import FiscalYear, Indicator, Technology
from reports import documents, services
from reports.models import JobState, ReportJob
from reports.pdf import kpi
from reports.pdf.charts import SVG_NS, baseline_em, printable_chart
from tests.factories import CallFactory, MunicipalityFactory
from tests.helpers import ANONYMOUS, count_queries
from tests.indicators.dashboard_ledger import add_project, add_projects
from tests.reports.pdf_text import fonts, is_landscape, pages_text, thai

pytestmark = pytest.mark.django_db

NORTH = {"name_th": "เทศบาลนครเหนือทดสอบ", "name_en": "North Test City", "region": "north"}
SOUTH = {"name_th": "เทศบาลเมืองใต้ทดสอบ", "name_en": "South Test Town", "region": "south"}
QUIET = {"name_th": "เทศบาลตำบลเงียบทดสอบ", "name_en": "Quiet Test Village", "region": "east"}
REQUESTS = {
    "all": ("th", {}),
    "y68": ("th", {"fiscal_year": "2568"}),
    "y68_en": ("en", {"fiscal_year": "2568"}),
    "bad_filter": ("en", {"fiscal_year": "2590", "region": "mars"}),
}


def kr(code):
    return Indicator.objects.get(programme__code="SLC", code=code)


def label_of(source):
    """The reference the ledger builder keeps for a project (P-0007)."""
    return f"P-{int(source.split(':')[1]):04d}"


def build_world():
    """The example framework of SLC and three projects of 2568: KR1.2 in the north town
    (committed 10, reported 4) and in the south town (6, 3), KR3.3 in the north town
    (100, 40). A third town has no data."""
    programme = seed_framework(seed_programme())
    north, south = MunicipalityFactory(**NORTH), MunicipalityFactory(**SOUTH)
    MunicipalityFactory(**QUIET)
    y68 = FiscalYear.objects.get(year_be=2568)
    first = add_project(programme, [kr("KR1.2")], year=y68, municipalities=[north], committed=10,
                        reported=4)  # fmt: skip
    second = add_project(programme, [kr("KR3.3")], year=y68, municipalities=[north],
                         committed=100, reported=40)  # fmt: skip
    third = add_project(programme, [kr("KR1.2")], year=y68, municipalities=[south], committed=6,
                        reported=3)  # fmt: skip
    return programme, [label_of(source) for source in (first, second, third)]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """{name: Output} of REQUESTS, the progress each build reported, and the projects'
    labels, from one world rolled back afterwards."""
    results, progress = {}, {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
        transaction.atomic(),
    ):
        programme, labels = build_world()
        document = documents.get("kpi-report", documents.PDF)
        for name, (language, options) in REQUESTS.items():
            progress[name] = []
            with translation.override(language):
                results[name] = document.build(
                    programme, user=None, options=options, progress=progress[name].append
                )
        transaction.set_rollback(True)
    return SimpleNamespace(outputs=results, progress=progress, labels=labels)


@pytest.fixture(scope="module")
def pages(rendered):
    return {name: pages_text(output) for name, output in rendered.outputs.items()}


def row(*cells):
    """Cells of a table row as they read back squeezed: one after the other."""
    return "".join(cells)


def squeeze(text):
    """The text without white space: a line broken in a table cell reads as one."""
    return "".join(text.split())


def test_the_report_is_a_landscape_pdf_named_after_the_programme_and_year(rendered):
    outputs = rendered.outputs
    assert outputs["all"].filename == "SLC-kpi-report.pdf"
    assert outputs["y68"].filename == "SLC-2568-kpi-report.pdf"
    assert outputs["all"].content.startswith(b"%PDF-")
    assert is_landscape(outputs["all"])


@pytest.mark.parametrize("name", ["all", "y68_en"])
def test_the_report_embeds_only_sarabun(rendered, name):
    used = fonts(rendered.outputs[name])
    assert used
    assert all("Sarabun" in base_font and embedded for base_font, embedded in used), used


def test_every_thai_page_carries_the_thai_title_the_programme_and_page_x_of_y(pages):
    document = pages["y68"]
    for number, page in enumerate(document, start=1):
        assert thai("Programme KPI report") in page
        assert "SLC-2568" in page
        assert thai("Page %(page)s of %(pages)s", page=number, pages=len(document)) in page


def test_the_cover_names_the_programme_funder_filters_and_the_buddhist_era_date(pages):
    cover = pages["y68"][0]
    today = format_date(timezone.localdate(), "long", "th")
    for expected in (
        "โปรแกรมบ่มเพาะและเร่งรัดกระบวนการเพื่อมุ่งสู่การเป็นเมืองน่าอยู่ที่ชาญฉลาด",
        "หน่วยบริหารและจัดการทุนด้านการพัฒนาระดับพื้นที่",
        thai("Fiscal year %(year)s", year=2568),
        "1 ตุลาคม 2567 – 30 กันยายน 2568",
        thai("All regions"),
        thai("All technologies"),
        thai("as of %(date)s", date=today),
    ):
        assert expected in cover, expected
    assert thai("Fiscal years %(first)s–%(last)s", first=2567, last=2568) in pages["all"][0]


def test_the_headline_figures_are_the_dashboards(pages):
    cover = squeeze(pages["y68_en"][0])
    for label, value in (
        ("Indicators on track", "0"),
        ("Indicators off track", "2"),
        ("Indicators without data", "11"),
        ("Projects contributing", "3"),
        ("Municipalities reached", "2"),
        ("Accepted reports", "3"),
        ("Approved budget (baht)", "0.00"),
    ):
        assert squeeze(label) + value in cover, label


def test_each_objective_prints_the_rollup_in_the_filters(pages):
    content = squeeze("\n".join(pages["y68_en"]))
    # KR1.2 in 2568: target 45, committed 10 + 6, result 4 + 3, 7 / 45 = 15.56%: off track.
    assert squeeze("KR1.2 Urban survey datasets produced and published datasets") in content
    assert row("45", "16", "7", "15.56%", "Offtrack") in content  # target, committed, result, …
    # KR3.3: target 400, committed 100, result 40: 10%.
    assert row("400", "100", "40", "10%", "Offtrack") in content
    everything = squeeze("\n".join(pages["all"]))
    # Over every year the target of KR1.2 is 20 + 45.
    assert squeeze(row("65", "16", "7", "10.77%") + thai("Off track")) in everything


def test_the_objectives_charts_print_their_text_shaped_by_the_page(pages):
    content = "\n".join(pages["y68"])
    for code in ("O1", "O2", "O3", "O4"):  # each chart's title (bold: its ำ reads back badly)
        assert f"\n{code}: " in content
    target = thai("target %(value)s", value="45 ชุดข้อมูล")  # KR1.2's target, in its unit
    for label in (target, "7 (16%)", thai("Result off track"), thai("Committed")):
        assert label in content, label


def test_the_frameworks_header_is_repeated_on_every_page_it_spans(pages):
    document = pages["y68_en"]
    first = next(i for i, page in enumerate(document) if "Results framework" in page)
    last = next(i for i, page in enumerate(document) if "KR4.3" in page)
    assert last > first  # the framework runs over more than one page
    for page in document[first : last + 1]:
        assert squeeze("How results add up") in squeeze(page)
        assert squeeze("Target 2568") in squeeze(page)
    assert "Average time to answer citizens' complaints" in "\n".join(document[first : last + 1])


def test_each_municipality_with_data_has_a_page_of_its_own(pages, rendered):
    document = pages["y68_en"]
    north = [i for i, page in enumerate(document) if "North Test City" in page]
    south = [i for i, page in enumerate(document) if "South Test Town" in page]
    assert len(north) == 1 and len(south) == 1
    assert north != south
    assert not any("Quiet Test Village" in page for page in document)
    first, second, third = rendered.labels
    north_page, south_page = squeeze(document[north[0]]), squeeze(document[south[0]])
    assert "Projects in this municipality" in document[north[0]]
    # KR1.2 committed 10, result 4: 4 / 45 = 8.89% of the whole target; KR3.3 40 / 400.
    assert row("45", "10", "4", "8.89%") in north_page
    assert row("400", "100", "40", "10%") in north_page
    assert first in north_page and second in north_page and third not in north_page
    assert row("45", "6", "3", "6.67%") in south_page
    assert third in south_page and first not in south_page
    assert squeeze("SLC in North Test City: share of the programme's target") in north_page


def test_filters_that_cannot_be_used_are_left_out_and_said_so(pages):
    cover = pages["bad_filter"][0]
    assert "Some filters could not be used and were left out" in cover
    assert "Fiscal years 2567–2568" in cover
    assert "All regions" in cover


def test_the_build_reports_its_progress_figures_then_printing(rendered):
    assert rendered.progress["all"] == [10, 20, 95]


def test_the_cover_names_the_filters_in_words():
    programme = seed_framework(seed_programme())
    technology = Technology.objects.create(
        name_th="กองทุนเมือง (ทดสอบ)", name_en="City fund (test)", kind="soft"
    )
    years = list(programme.fiscal_years.order_by("year_be"))
    options = {"fiscal_year": ["2568", "2567"], "region": "north", "technology": technology.pk}
    with translation.override("en"):
        lines = kpi.filter_lines(kpi.filter_form(programme, options), years)
    assert lines == [
        ("Period", "Fiscal year 2568"),
        ("Region", "North"),
        ("Technology", "City fund (test)"),
    ]


def test_a_programme_without_a_framework_prints_its_cover_and_says_so(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = CallFactory().programme
    document = documents.get("kpi-report", documents.PDF)
    with translation.override("en"):
        output = document.build(programme, user=None, options={}, progress=documents.no_progress)
    content = "\n".join(pages_text(output))
    assert "No indicator matches these filters." in content
    assert "No municipality has counted commitments or results in these filters." in content
    assert programme.name_en in content


# Who may have it, and as a job ---------------------------------------------------------------


def test_the_report_goes_to_the_dashboards_readers(personas):
    programme = seed_framework(seed_programme())
    may = documents.get("kpi-report", documents.PDF).may
    people = {**personas, "command_line": None}
    allowed = {name for name, user in people.items() if may(user, programme)}
    assert ANONYMOUS in people  # None, as the command line's user
    assert allowed == {"funding_officer", "programme_manager", "administrator"}


def test_the_report_is_a_background_document_with_the_dashboards_filters():
    document = documents.get("kpi-report", documents.PDF)
    assert (document.scope, document.background) == (documents.PROGRAMME, True)
    assert document.options == ("fiscal_year", "region", "technology")


def test_asking_for_the_report_runs_a_job_that_ends_done_with_its_file(
    manager, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    programme, _labels = build_world()
    document = documents.get("kpi-report", documents.PDF)
    with django_capture_on_commit_callbacks(execute=True), translation.override("th"):
        requested = services.request_document(
            user=manager, document=document, subject=programme, options={"fiscal_year": "2568"}
        )
    assert requested.output is None
    job = ReportJob.objects.get(pk=requested.job.pk)
    assert (job.state, job.progress, job.error) == (JobState.DONE, 100, "")
    assert job.filename == "SLC-2568-kpi-report.pdf"
    assert job.options == {"fiscal_year": "2568"}
    content = job.file.read()
    assert content.startswith(b"%PDF-")
    assert job.size == len(content)


# Queries ---------------------------------------------------------------------------------------


def html_queries(programme, options):
    def run():
        form = kpi.filter_form(programme, options)
        render_to_string(kpi.TEMPLATE, kpi.kpi_context(programme, form))

    return count_queries(run)


@pytest.mark.parametrize("options", [{}, {"fiscal_year": "2568", "region": "north"}])
def test_the_report_reads_as_many_queries_for_few_or_many_projects_and_towns(options):
    programme = seed_framework(seed_programme())
    y68 = FiscalYear.objects.get(year_be=2568)
    indicators = [kr("KR1.2"), kr("KR4.1"), kr("KR4.2"), kr("KR4.3")]  # sum, avg, latest, max
    towns = [MunicipalityFactory(region="north") for _n in range(5)]
    add_projects(programme, indicators, 1, year=y68, municipalities=towns[:1])
    few = html_queries(programme, options)
    add_projects(programme, indicators, 15, year=y68, municipalities=towns)
    assert html_queries(programme, options) == few


# Charts in the PDF ------------------------------------------------------------------------------

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50" '
    'font-size="10"><title>t</title><rect x="0" y="0" width="10" height="10" fill="#fff"/>'
    '<text x="10" y="20" text-anchor="middle" fill="#123456">ที่ &lt;b&gt;</text>'
    '<g><text x="4" y="40" font-size="8" font-weight="600" '
    'transform="rotate(-35 4 40)">น้ำ</text></g></svg>'
)


def test_a_chart_keeps_its_drawing_and_sets_its_text_as_html():
    html = str(printable_chart(mark_safe(SVG), width_mm=50))
    assert "<text" not in html
    assert '<rect x="0" y="0" width="10" height="10" fill="#fff" />' in html
    assert "width:50.00mm;height:25.00mm" in html
    assert ">ที่ &lt;b&gt;</span>" in html
    assert ">น้ำ</span>" in html


def test_a_chart_stays_svg_whatever_prefix_another_library_gave_its_namespace(monkeypatch):
    monkeypatch.setitem(ET._namespace_map, SVG_NS, "svg")  # as qrcode registers it
    html = str(printable_chart(mark_safe(SVG), width_mm=50))
    assert '<svg width="100" height="50"' in html
    assert 'xmlns="http://www.w3.org/2000/svg"' in html
    assert "svg:" not in html


def test_a_charts_text_keeps_its_place_size_anchor_weight_and_rotation():
    html = str(printable_chart(mark_safe(SVG), width_mm=50))
    # Half a millimetre per unit: the baseline at y 20 → 10 mm, 10 units → 5 mm of text.
    middle_top = 10 - baseline_em() * 5
    assert (
        f"left:-45.00mm;top:{middle_top:.2f}mm;width:100.00mm;font-size:5.00mm;"
        "color:#123456;font-weight:normal;text-align:center"
    ) in html
    turned_top = 20 - baseline_em() * 4
    assert (
        f"left:2.00mm;top:{turned_top:.2f}mm;width:50.00mm;font-size:4.00mm;"
        "color:#000000;font-weight:600;text-align:left;transform:rotate(-35deg);"
        f"transform-origin:0.00mm {baseline_em() * 4:.2f}mm"
    ) in html


def test_the_baseline_lies_where_sarabun_puts_it_in_a_line_of_its_size():
    # Sarabun: ascent 1.068 em, descent 0.232 em → half-leading −0.15 em.
    assert round(baseline_em(), 3) == 0.918


def chart_labels(svg):
    """The texts the chart draws, in order."""
    return ["".join(node.itertext()) for node in ET.fromstring(str(svg)).iter(f"{{{SVG_NS}}}text")]


def test_a_dashboard_chart_prints_every_label_it_draws():
    bars = [chart_target.IndicatorBar(code="KR1.1", name="เมืองที่มีแพลตฟอร์ม", unit="เมือง", target=10,
                                committed=5, result=2)]  # fmt: skip
    with translation.override("en"):
        chart = chart_target.target_chart(bars, title="O1 chart")
        html = str(printable_chart(chart, width_mm=200))
        labels = chart_labels(chart)
    assert labels[0] == "O1 chart"
    assert "KR1.1 เมืองที่มีแพลตฟอร์ม" in labels
    for label in labels:
        assert f">{label}</span>" in html
    assert html.count('class="chart-label"') == len(labels)
