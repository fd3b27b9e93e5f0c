"""Every endpoint against every role and an outsider (as the pages' permission tests), what
each person's list holds, and a fixed number of queries whatever the number of rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from api.models import TokenScope
from api.tokens import services
from indicators.models import Programme
from tests.api.conftest import assert_api_access, call_api
from tests.helpers import count_queries
from tests.projects.builders import report_of
from tests.projects.report_builders import rich_project
from tests.reviews.screening.builders import assign

pytestmark = pytest.mark.django_db
OFFICER, MANAGER, ADMIN = (
    Role.FUNDING_OFFICER.value,
    Role.PROGRAMME_MANAGER.value,
    Role.ADMINISTRATOR.value,
)


@pytest.fixture
def world(researcher, officer, reviewer, manager):
    """A funded project led by the researcher, in a programme the manager manages and that
    publishes its portfolio; the reviewer reviews it."""
    project = rich_project(officer, lead=researcher)
    programme = project.call.programme
    programme.managers.add(manager)
    Programme.objects.filter(pk=programme.pk).update(public_portfolio=True)
    assign(project, reviewer)
    return project


def v1(name, *args):
    return reverse(f"api:v1:{name}", args=args)


def everyone(personas, code=200):
    return dict.fromkeys(personas, code)


def signed_in(personas):
    return {**everyone(personas), "anonymous": 401}


def test_public_reads_answer_everyone(client, personas, world):
    code = world.call.programme.code
    for url in (v1("calls"), v1("call", world.call.pk), v1("programmes"), v1("portfolio", code)):
        assert_api_access(client, personas, url, everyone(personas))


def test_the_framework_is_for_people_with_a_role(client, personas, world):
    url = v1("framework", world.call.programme.code)
    assert_api_access(client, personas, url, {**signed_in(personas), "outsider": 404})


def test_an_unpublished_portfolio_is_for_staff(client, personas, world):
    programme = world.call.programme
    Programme.objects.filter(pk=programme.pk).update(public_portfolio=False)
    expected = {**everyone(personas, 404), OFFICER: 200, MANAGER: 200, ADMIN: 200}
    assert_api_access(client, personas, v1("portfolio", programme.code), expected)


def test_the_rollup_is_for_the_dashboards_readers(client, personas, world):
    url = v1("rollup", world.call.programme.code)
    expected = {**everyone(personas, 404), OFFICER: 200, MANAGER: 200, ADMIN: 200, "anonymous": 401}
    assert_api_access(client, personas, url, expected)


def test_private_lists_need_someone_signed_in(client, personas, world):
    for name in ("proposals", "assignments", "projects", "progress_reports", "instalments"):
        assert_api_access(client, personas, v1(name), signed_in(personas))


def _ids(client, user, url):
    key = services.create_token(actor=user, name="t", scope=TokenScope.READ)[1]
    return [row["id"] for row in call_api(client, key, url).json()["results"]]


def test_each_person_lists_what_the_pages_show_them(
    client, world, researcher, officer, reviewer, manager, administrator, trio
):
    stranger = trio(Role.RESEARCHER)[0]
    other_manager = trio(Role.PROGRAMME_MANAGER)[0]
    assert _ids(client, researcher, v1("projects")) == [world.pk]
    assert _ids(client, stranger, v1("projects")) == []
    assert _ids(client, reviewer, v1("projects")) == []
    assert _ids(client, manager, v1("projects")) == [world.pk]
    assert _ids(client, other_manager, v1("projects")) == []
    assert _ids(client, administrator, v1("projects")) == [world.pk]
    assert _ids(client, officer, v1("proposals")) == [world.pk]
    assert _ids(client, stranger, v1("proposals")) == []
    assert len(_ids(client, reviewer, v1("assignments"))) == 1
    assert _ids(client, researcher, v1("assignments")) == []
    reports = _ids(client, researcher, v1("progress_reports"))
    assert report_of(world).pk in reports
    assert _ids(client, stranger, v1("progress_reports")) == []
    assert len(_ids(client, researcher, v1("instalments"))) == 3
    assert _ids(client, stranger, v1("instalments")) == []


def test_lists_are_paged_filtered_and_ordered(client, world, officer):
    key = services.create_token(actor=officer, name="t", scope=TokenScope.READ)[1]
    body = call_api(client, key, v1("instalments"), data={"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert [row["number"] for row in body["results"]] == [1, 2]
    body = call_api(client, key, v1("instalments"), data={"project": world.pk + 1000}).json()
    assert body["count"] == 0


def test_a_wrong_filter_is_a_problem_naming_the_parameter(client, world, officer):
    key = services.create_token(actor=officer, name="t", scope=TokenScope.READ)[1]
    response = call_api(client, key, v1("proposals"), data={"state": "nonsense"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert [error["field"] for error in body["errors"]] == ["state"]
    response = call_api(
        client, key, v1("rollup", world.call.programme.code), data={"fiscal_year": "1999"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "fiscal_year"


def test_the_portfolio_names_no_person(client, world):
    body = call_api(client, None, v1("portfolio", world.call.programme.code)).json()
    project = body["results"][0]
    assert project["reference"] == world.reference
    assert project["amount"] == "900000.00"
    text = str(body)
    assert world.lead.email not in text and world.lead.display_name not in text


def test_the_framework_lists_objectives_indicators_and_targets(client, world, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)[1]
    body = call_api(client, key, v1("framework", world.call.programme.code)).json()
    codes = [indicator["code"] for indicator in body["indicators"]]
    assert "KR2.1" in codes and "KR3.1" in codes
    assert body["programme"]["code"] == world.call.programme.code


def _more_projects(officer, count):
    return [rich_project(officer, amount=Decimal("500000.00")) for _ in range(count)]


@pytest.mark.parametrize(
    "name", ["projects", "progress_reports", "instalments", "proposals", "portfolio"]
)
def test_lists_run_a_fixed_number_of_queries(client, world, officer, name):
    programme = world.call.programme
    url = v1(name, programme.code) if name == "portfolio" else v1(name)
    key = services.create_token(actor=officer, name="t", scope=TokenScope.READ)[1]
    call_api(client, key, url)  # the token's first use is recorded once
    few = count_queries(lambda: call_api(client, key, url))
    _more_projects(officer, 3)
    Programme.objects.filter(pk=programme.pk).update(public_portfolio=True)
    response = call_api(client, key, url)
    assert response.status_code == 200 and response.json()["count"] >= 4
    many = count_queries(lambda: call_api(client, key, url))
    assert few == many, f"{url}: {few} queries with 1 project, {many} with 4"
