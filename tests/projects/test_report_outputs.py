"""The delivered outputs of a progress report: rows added and removed freely, a bad row saves
nothing."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from indicators.models import OutputType
from projects.models import DeliveredOutput
from tests.projects.builders import report_of
from tests.projects.report_builders import rich_project
from tests.proposals.formdata import formset_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(officer, researcher):
    return report_of(rich_project(officer, lead=researcher))


@pytest.fixture
def team(client, researcher):
    researcher.preferred_language = "en"
    researcher.save(update_fields=["preferred_language"])
    client.force_login(researcher)
    return client


def _url(name, report):
    return reverse(f"projects:{name}", args=[report.pk])


def _page_data(client, url):
    return formset_data(client.get(url).context["formset"])


@pytest.fixture
def dataset():
    return OutputType.objects.create(code="dataset-r", name_th="ชุดข้อมูล", name_en="Dataset")


def _output_row(data, dataset, description="ชุดข้อมูลสำรวจ", quantity="2", link=""):
    data.update(
        {
            "outputs-0-output_type": str(dataset.pk),
            "outputs-0-description": description,
            "outputs-0-quantity": quantity,
            "outputs-0-link": link,
        }
    )
    return data


def test_outputs_are_added_and_removed(team, report, dataset):
    url = _url("progress_outputs", report)
    data = _output_row(_page_data(team, url), dataset, link="data.example.org/survey")
    assert team.post(url, data).status_code == 302
    output = DeliveredOutput.objects.get()
    assert (output.output_type, output.description, output.quantity, output.link) == (
        dataset,
        "ชุดข้อมูลสำรวจ",
        2,
        "https://data.example.org/survey",
    )
    data = _page_data(team, url)
    data["outputs-0-DELETE"] = "on"
    team.post(url, data)
    assert not DeliveredOutput.objects.exists()
    entries = AuditEntry.objects.filter(action="progress_report.outputs_saved").order_by("id")
    actions = list(entries.values_list("data"))
    assert actions == [
        ({"added": ["ชุดข้อมูลสำรวจ"], "changed": [], "removed": []},),
        ({"added": [], "changed": [], "removed": ["ชุดข้อมูลสำรวจ"]},),
    ]


@pytest.mark.parametrize(
    ("quantity", "description", "message"),
    [
        ("0", "ชุดข้อมูล", "The quantity must be at least 1."),
        ("-2", "ชุดข้อมูล", "The quantity must be at least 1."),
        ("1", "", "This field is required."),
    ],
)
def test_a_bad_output_saves_nothing(team, report, dataset, quantity, description, message):
    url = _url("progress_outputs", report)
    data = _output_row(_page_data(team, url), dataset, description, quantity)
    response = team.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DeliveredOutput.objects.exists()
