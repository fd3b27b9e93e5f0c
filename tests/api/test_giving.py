"""360Giving: the portfolio's grants as a 360Giving JSON package that keeps the standard's
rules (api.giving.checks), with identifiers under the configured prefix, the organisations as
records with identifiers, locations with ISO 3166-2 codes; and the migration that turns
today's typed organisations into records."""

import json

import pytest
from django.urls import reverse

from accounts import services as account_services
from accounts.models import Organisation
from accounts.roles import Role
from api.giving.checks import problems
from indicators.models import Funder, Programme
from tests.api.test_portfolio_open_data import place
from tests.helpers import assert_access, count_queries
from tests.projects.builders import funded_project

pytestmark = pytest.mark.django_db
STAFF = (Role.FUNDING_OFFICER.value, Role.PROGRAMME_MANAGER.value, Role.ADMINISTRATOR.value)


@pytest.fixture
def project(officer):
    project = funded_project(officer)
    Programme.objects.filter(pk=project.call.programme.pk).update(public_portfolio=True)
    town = place(project)
    town.province_code = "51"
    town.save(update_fields=["province_code"])
    lead = project.lead
    lead.organisation = "มหาวิทยาลัยเชียงใหม่"
    lead.save(update_fields=["organisation"])
    account_services.link_organisation(user=lead)
    return project


def url(project, **query):
    return reverse("api:portfolio_360giving", args=[project.call.programme.code])


def grants(client, project, query=None):
    response = client.get(url(project), query or {})
    assert response.status_code == 200
    return json.loads(response.content)


def test_who_reads_the_360giving_package(client, personas, project):
    assert_access(client, personas, url(project), dict.fromkeys(personas, 200))
    Programme.objects.filter(pk=project.call.programme.pk).update(public_portfolio=False)
    expected = {**dict.fromkeys(personas, 404), **dict.fromkeys(STAFF, 200)}
    assert_access(client, personas, url(project), expected)


def test_the_package_keeps_the_standards_rules(client, project, settings):
    settings.GIVING_PREFIX = "360G-testfunder"
    data = grants(client, project)
    assert problems(data) == []
    (grant,) = data["grants"]
    assert grant["id"] == f"360G-testfunder-{project.reference}"
    assert grant["currency"] == "THB" and grant["amountAwarded"] == 900000.0
    assert grant["recipientOrganization"][0]["name"] == "มหาวิทยาลัยเชียงใหม่"
    assert grant["recipientOrganization"][0]["id"].startswith("360G-testfunder-org-")
    assert grant["beneficiaryLocation"][0]["geoCode"] == "TH-51"
    assert grant["beneficiaryLocation"][0]["geoCodeType"] == "ISO3166-2"
    assert grant["grantProgramme"][0]["code"] == project.call.programme.code
    assert grant["plannedDates"][0]["duration"] == 12
    assert project.lead.email not in json.dumps(data, ensure_ascii=False)


def test_organisations_are_named_by_their_identifier_once_they_have_one(client, project):
    Organisation.objects.filter(name="มหาวิทยาลัยเชียงใหม่").update(identifier="TH-DBD-0994000158378")
    Funder.objects.filter(pk=project.call.programme.funder_id).update(identifier="TH-GOV-SLC")
    (grant,) = grants(client, project)["grants"]
    assert grant["recipientOrganization"][0]["id"] == "TH-DBD-0994000158378"
    assert grant["fundingOrganization"][0]["id"] == "TH-GOV-SLC"
    assert problems({"grants": [grant]}) == []


def test_the_checks_catch_a_grant_off_the_rules(client, project):
    (grant,) = grants(client, project)["grants"]
    broken = {**grant, "id": "SLC-1", "currency": "baht", "awardDate": "4 Dec 2569"}
    del broken["fundingOrganization"]
    found = problems({"grants": [broken]})
    assert len(found) == 4
    assert any("fundingOrganization" in problem for problem in found)


def test_the_package_is_filtered_as_the_downloads(client, project, officer):
    other = funded_project(officer)
    assert len(grants(client, project)["grants"]) == 2
    assert len(grants(client, project, {"region": "south"})["grants"]) == 0
    assert other.reference


def test_the_package_runs_a_fixed_number_of_queries(client, project, officer):
    few = count_queries(lambda: client.get(url(project)))
    for _ in range(3):
        funded_project(officer)
    assert count_queries(lambda: client.get(url(project))) == few


def test_typing_an_organisation_links_its_record(client, researcher):
    client.force_login(researcher)
    data = {
        "full_name_th": "นักวิจัย",
        "organisation": "  มหาวิทยาลัย   ขอนแก่น ",
        "organisation_new": "on",
        "phone": "",
    }
    client.post(reverse("accounts:profile"), data)
    researcher.refresh_from_db()
    assert researcher.organisation_record.name == "มหาวิทยาลัย ขอนแก่น"
