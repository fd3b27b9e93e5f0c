"""The API's contract: the generated schema is valid OpenAPI 3 (openapi-spec-validator), and
real answers of every operation — lists, the write, and problems — match it (schemathesis)."""

import pytest
import requests
import schemathesis
from django.urls import reverse
from openapi_spec_validator import validate
from schemathesis.core.transport import Response

from api.models import TokenScope
from api.tokens import services
from indicators.models import Programme
from tests.api.conftest import call_api
from tests.api.test_results_write import body
from tests.factories import ProposalFactory
from tests.projects.builders import report_of
from tests.projects.report_builders import rich_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    document = client.get(reverse("api:schema"), headers={"Accept": "application/json"})
    assert document.status_code == 200
    return document.json()


def test_the_schema_is_valid_openapi(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/progress-reports/{id}/results/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"


def _checked(schema, path, method, response, url):
    prepared = requests.Request(method.upper(), "http://testserver" + url).prepare()
    answer = Response(
        status_code=response.status_code,
        headers={key: [value] for key, value in response.headers.items()},
        content=response.content,
        request=prepared,
        elapsed=0.0,
        verify=False,
    )
    operations = schemathesis.openapi.from_dict(schema)
    operations[path][method.upper()].validate_response(answer)


def test_answers_match_the_schema(client, schema, researcher, officer, manager):
    project = rich_project(officer, lead=researcher)
    programme = project.call.programme
    programme.managers.add(manager)
    Programme.objects.filter(pk=programme.pk).update(public_portfolio=True)
    key = services.create_token(actor=officer, name="t", scope=TokenScope.WRITE)[1]
    code = programme.code
    report = report_of(project)
    reads = {
        "/api/v1/calls/": reverse("api:v1:calls"),
        "/api/v1/calls/{id}/": reverse("api:v1:call", args=[project.call.pk]),
        "/api/v1/programmes/": reverse("api:v1:programmes"),
        "/api/v1/programmes/{code}/framework/": reverse("api:v1:framework", args=[code]),
        "/api/v1/programmes/{code}/portfolio/": reverse("api:v1:portfolio", args=[code]),
        "/api/v1/programmes/{code}/rollup/": reverse("api:v1:rollup", args=[code]),
        "/api/v1/proposals/": reverse("api:v1:proposals"),
        "/api/v1/assignments/": reverse("api:v1:assignments"),
        "/api/v1/projects/": reverse("api:v1:projects"),
        "/api/v1/progress-reports/": reverse("api:v1:progress_reports"),
        "/api/v1/instalments/": reverse("api:v1:instalments"),
    }
    reads["/api/v1/proposals/{id}/sections/"] = reverse("api:v1:sections", args=[project.pk])
    writes = {"/api/v1/progress-reports/{id}/results/", "/api/v1/proposals/{id}/sections/{key}/"}
    assert set(reads) | writes == set(schema["paths"])
    write = reverse("api:v1:progress_report_results", args=[report.pk])
    call_api(client, key, write, "put", body(project))  # reports now carry results
    for path, url in reads.items():
        response = call_api(client, key, url)
        assert response.status_code == 200, url
        _checked(schema, path, "get", response, url)
    path = "/api/v1/progress-reports/{id}/results/"
    response = call_api(client, key, write, "put", body(project))
    assert response.status_code == 200
    _checked(schema, path, "put", response, write)
    for data in ({"results": [{"indicator": "KR3.1", "value": "x"}]}, {}):
        response = call_api(client, key, write, "put", data)
        assert response.status_code == 400
        _checked(schema, path, "put", response, write)
    draft = ProposalFactory(lead=researcher)
    lead_key = services.create_token(actor=researcher, name="t", scope=TokenScope.WRITE)[1]
    path, url = (
        "/api/v1/proposals/{id}/sections/{key}/",
        reverse("api:v1:section", args=[draft.pk, "method"]),
    )
    for data, status in (({"text": "ก", "version": 1}, 200), ({"text": "ข", "version": 1}, 409)):
        response = call_api(client, lead_key, url, "put", data)
        assert response.status_code == status
        _checked(schema, path, "put", response, url)
    response = call_api(client, key + "x", reverse("api:v1:calls"))
    assert response.status_code == 401
    _checked(schema, "/api/v1/calls/", "get", response, reverse("api:v1:calls"))


def test_an_answer_off_the_schema_is_caught(schema):
    from django.http import JsonResponse

    wrong = JsonResponse({"count": "many", "results": [{"id": "x"}]})
    with pytest.raises(BaseExceptionGroup) as caught:
        _checked(schema, "/api/v1/calls/", "get", wrong, "/api/v1/calls/")
    assert {type(error).__name__ for error in caught.value.exceptions} == {"JsonSchemaError"}


def test_the_schema_and_docs_are_public_and_served_from_here(client, personas):
    from tests.helpers import assert_access

    for url in (reverse("api:schema"), reverse("api:docs")):
        assert_access(client, personas, url, dict.fromkeys(personas, 200))
    page = client.get(reverse("api:docs")).content.decode()
    assert "cdn." not in page and "/static/drf_spectacular_sidecar/" in page
