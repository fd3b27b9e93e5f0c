"""Technology adoption: an officer's record, the step forward an accepted report makes, the
pages for every role, flat query counts and both languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.models import Technology
from projects.adoption import services
from projects.models import Adoption, AdoptionStage
from proposals.models import ProgressReportKind, ProposalMunicipality, ProposalTechnology
from tests.factories import MunicipalityFactory, ProposalFactory
from tests.helpers import assert_access, assert_flat_queries

pytestmark = pytest.mark.django_db

LOGIN = 302
ROLES = [role.value for role in Role]


def everyone(status=200):
    return {name: status for name in [*ROLES, "outsider", "anonymous"]}


@pytest.fixture
def technology(db):
    return Technology.objects.create(name_th="ระบบ GIS", name_en="GIS", kind="hard")


@pytest.fixture
def city(db):
    return MunicipalityFactory()


class Report:
    """What advance_from_report reads of a progress report."""

    def __init__(self, proposal, kind, pk=1):
        self.proposal, self.kind, self.pk = proposal, kind, pk
        self.period_end = timezone.localdate() - datetime.timedelta(days=1)


def project_in(city, technology):
    proposal = ProposalFactory()
    ProposalMunicipality.objects.create(proposal=proposal, municipality=city, is_lead=True)
    ProposalTechnology.objects.create(proposal=proposal, technology=technology)
    return proposal


def test_an_officer_records_a_stage_with_one_audit_entry(officer, city, technology):
    today = timezone.localdate()
    services.record_stage(
        actor=officer, municipality=city, technology=technology, stage="interested", since=today
    )
    services.record_stage(
        actor=officer, municipality=city, technology=technology, stage="dropped", since=today
    )
    adoption = Adoption.objects.get()
    assert adoption.stage == AdoptionStage.DROPPED
    entries = AuditEntry.objects.filter(action="adoption.recorded").order_by("pk")
    assert [(e.from_state, e.to_state) for e in entries] == [
        ("", "interested"),
        ("interested", "dropped"),
    ]


def test_a_future_date_or_a_project_elsewhere_is_refused(officer, city, technology):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.record_stage(
            actor=officer, municipality=city, technology=technology, stage="adopted", since=tomorrow
        )
    elsewhere = project_in(MunicipalityFactory(), technology)
    with pytest.raises(ValidationError):
        services.record_stage(
            actor=officer,
            municipality=city,
            technology=technology,
            stage="adopted",
            since=timezone.localdate(),
            projects=[elsewhere],
        )
    assert Adoption.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_accepted_reports_move_forward_never_back(officer, city, technology):
    project = project_in(city, technology)
    services.advance_from_report(actor=officer, report=Report(project, ProgressReportKind.MONTH_6))
    adoption = Adoption.objects.get()
    assert adoption.stage == AdoptionStage.PILOTING
    assert list(adoption.projects.all()) == [project]
    services.advance_from_report(actor=officer, report=Report(project, ProgressReportKind.FINAL))
    adoption.refresh_from_db()
    assert adoption.stage == AdoptionStage.ADOPTED
    services.advance_from_report(actor=officer, report=Report(project, ProgressReportKind.CONTRACT))
    adoption.refresh_from_db()
    assert adoption.stage == AdoptionStage.ADOPTED
    assert AuditEntry.objects.filter(action="adoption.advanced").count() == 2


def test_a_dropped_technology_stays_dropped(officer, city, technology):
    project = project_in(city, technology)
    services.record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage="dropped",
        since=timezone.localdate(),
    )
    services.advance_from_report(actor=officer, report=Report(project, ProgressReportKind.FINAL))
    assert Adoption.objects.get().stage == AdoptionStage.DROPPED


def test_the_pages_are_public_and_recording_is_for_officers(
    client, personas, city, technology, officer
):
    services.record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage="piloting",
        since=timezone.localdate(),
    )
    for url in (
        reverse("projects:adoption"),
        reverse("projects:adoption_municipality", args=[city.pk]),
        reverse("projects:adoption_technology", args=[technology.pk]),
    ):
        assert_access(client, personas, url, everyone())
    expected = {**everyone(403), "funding_officer": 200, "anonymous": LOGIN}
    assert_access(client, personas, reverse("projects:adoption_record"), expected)


def test_the_matrix_is_flat(client, officer, technology):
    def make(n):
        for _ in range(n):
            city = MunicipalityFactory()
            tech = Technology.objects.create(
                name_th=f"เทคโนโลยี {city.pk}", name_en=f"Tech {city.pk}", kind="soft"
            )
            for t in (tech, technology):
                services.record_stage(
                    actor=officer,
                    municipality=city,
                    technology=t,
                    stage="adopted",
                    since=timezone.localdate(),
                )

    assert_flat_queries(client, officer, reverse("projects:adoption"), make, few=1, many=6)


def test_the_matrix_filters_by_kind(client, officer, technology):
    Technology.objects.create(name_th="กองทุนเมือง", name_en="City fund", kind="soft")
    page = client.get(reverse("projects:adoption"), {"kind": "soft"}).content.decode()
    assert "กองทุนเมือง" in page and "ระบบ GIS" not in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("th", "การนำเทคโนโลยีไปใช้ในเมือง"), ("en", "Technology adoption across the cities")],
)
def test_the_matrix_reads_in_both_languages(client, language, words):
    response = client.get(reverse("projects:adoption"), HTTP_ACCEPT_LANGUAGE=language)
    assert words in response.content.decode()


def test_the_excel_export_holds_the_matrix_and_is_for_staff(
    client, personas, officer, city, technology
):
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.factories import call_programme

    programme = call_programme()
    project = project_in(city, technology)
    services.record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage="adopted",
        since=timezone.localdate(),
        provider="มหาวิทยาลัยทดสอบ",
        projects=[project],
    )
    url = reverse("reports:document", args=["adoption", "xlsx", programme.code])
    expected = {
        **everyone(404),
        "funding_officer": 200,
        "programme_manager": 200,
        "administrator": 200,
        "anonymous": LOGIN,
    }
    statuses = {}
    for name, user in personas.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        statuses[name] = client.get(url).status_code
    assert statuses == expected
    client.force_login(officer)
    book = load_workbook(BytesIO(b"".join(client.get(url).streaming_content)))
    matrix = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert matrix[0] == ["เทศบาล", "ระบบ GIS"]
    assert matrix[1] == [city.name_th, "นำไปใช้แล้ว"]
    detail = [cell.value for cell in list(book.worksheets[1].iter_rows())[1]]
    assert detail[6] == "มหาวิทยาลัยทดสอบ"


def test_the_demo_matrix_follows_the_funded_projects(settings, tmp_path, monkeypatch):
    from django.core.management import call_command

    from proposals.models import ProposalState
    from tests.helpers import demo_day

    demo_day(monkeypatch, "4 Dec 2569")
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    funded = ProposalTechnology.objects.filter(
        proposal__state__in=ProposalState.funded(), proposal__reports__state="accepted"
    ).distinct()
    for row in funded:
        for place in row.proposal.municipalities.all():
            adoption = Adoption.objects.get(
                municipality=place.municipality, technology=row.technology
            )
            assert row.proposal in adoption.projects.all()
    lamphun = Adoption.objects.filter(municipality__name_en="Lamphun")
    assert set(lamphun.values_list("stage", flat=True)) == {"interested"}
    assert lamphun.count() == 2


def test_the_kpi_report_has_a_chapter_on_adoption(officer, city, technology):
    from django.template.loader import render_to_string

    from reports.pdf.kpi import filter_form, kpi_context
    from tests.factories import call_programme

    quiet = MunicipalityFactory()
    services.record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage="scaled",
        since=timezone.localdate(),
    )
    programme = call_programme()
    context = kpi_context(programme, filter_form(programme, {}))
    rows = context["adoption"]["rows"]
    assert [(place, [c.stage if c else None for c in cells]) for place, cells in rows] == [
        (city, ["scaled"])
    ]
    html = render_to_string("reports/pdf/kpi_report.html", {**context, "continued": False})
    assert "การนำเทคโนโลยีไปใช้ในเมือง" in html and "ขยายผล" in html
    assert quiet.name_th not in html


def test_the_municipality_page_shows_its_technologies(client, officer, city, technology):
    services.record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage="adopted",
        since=timezone.localdate(),
    )
    client.force_login(officer)
    page = client.get(reverse("indicators:municipality", args=[city.pk])).content.decode()
    assert "เทคโนโลยีที่เมืองนำไปใช้" in page and "ระบบ GIS" in page and "นำไปใช้แล้ว" in page


def test_the_catalogue_lists_the_cities_using_each_technology(client, officer, technology):
    """Piloting, adopted and scaled up are use; interest is not, and a dropped one no longer."""
    stages = {"ลำพูน": "adopted", "ลำปาง": "piloting", "น่าน": "interested", "แพร่": "dropped"}
    for name, stage in stages.items():
        city = MunicipalityFactory(name_th=f"เทศบาลเมือง{name}", name_en=f"{name} Town")
        services.record_stage(
            actor=officer,
            municipality=city,
            technology=technology,
            stage=stage,
            since=timezone.localdate(),
        )
    unused = Technology.objects.create(name_th="กองทุนเมือง", name_en="City fund", kind="soft")
    html = client.get(
        reverse("indicators:technology_list"), HTTP_ACCEPT_LANGUAGE="th"
    ).content.decode()
    card = html[html.index("ระบบ GIS") :]
    used = card[: card.index("</p>", card.index("ใช้ใน"))]
    assert "เทศบาลเมืองลำปาง (ทดลองใช้), เทศบาลเมืองลำพูน (นำไปใช้แล้ว)" in used
    assert "น่าน" not in html and "แพร่" not in html
    assert html.count("ยังไม่มีเมืองที่ใช้") == 1  # the city fund's card
    assert unused.name_th in html


def test_the_catalogue_runs_as_many_queries_with_many_cities(client, officer):
    def make(n):
        for _ in range(n):
            city = MunicipalityFactory()
            tech = Technology.objects.create(
                name_th=f"เทคโนโลยี {city.pk}", name_en=f"Tech {city.pk}", kind="soft"
            )
            for stage in ("adopted",):
                services.record_stage(
                    actor=officer,
                    municipality=city,
                    technology=tech,
                    stage=stage,
                    since=timezone.localdate(),
                )

    url = reverse("indicators:technology_list")
    assert assert_flat_queries(client, officer, url, make, few=1, many=8) <= 12
