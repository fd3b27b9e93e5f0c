"""The team's editors of a progress report: what they save, and every bad input refused with
a clear message and nothing saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import AuditEntry
from indicators.models import Indicator
from projects.models import (
    ActivityProgress,
    IndicatorResult,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
)
from projects.progress.services import editing as report_services
from tests.factories import MunicipalityFactory
from tests.projects.builders import add_member, report_of
from tests.projects.report_builders import complete_report, rich_project
from tests.proposals.formdata import formset_data

D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}
pytestmark = pytest.mark.django_db


@pytest.fixture
def project(officer, researcher):
    return rich_project(officer, lead=researcher)


@pytest.fixture
def report(project):
    return report_of(project)


@pytest.fixture
def team(client, researcher):
    researcher.preferred_language = "en"
    researcher.save(update_fields=["preferred_language"])
    client.force_login(researcher)
    return client


def _url(name, report, *args):
    return reverse(f"projects:{name}", args=[report.pk, *args])


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _page_data(client, url):
    """What the editor posts when saved untouched, as {name: value}."""
    return formset_data(client.get(url).context["formset"])


def _row_of(data, key_name, key_value):
    """The prefix of the row whose hidden key `key_name` is `key_value`."""
    for name, value in data.items():
        if name.endswith(f"-{key_name}") and value == str(key_value):
            return name[: -len(key_name)]
    raise AssertionError(f"no row for {key_name}={key_value}")


def _submitted(report):
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.SUBMITTED)


# The narrative ----------------------------------------------------------------------------------


def _narrative(report, text="ทำตามแผน", version=None, problems=""):
    return {
        "report-narrative": text,
        "report-problems": problems,
        "report-version": str(version or report.version),
    }


def test_the_narrative_is_saved_and_its_version_moves_on(team, report):
    response = team.post(_url("progress_narrative", report), _narrative(report, problems="ฝน"))
    assert response.status_code == 302
    saved = ProgressReport.objects.get(pk=report.pk)
    assert (saved.narrative, saved.problems, saved.version) == ("ทำตามแผน", "ฝน", 2)
    assert AuditEntry.objects.filter(action="progress_report.narrative_saved").count() == 1


def test_autosave_answers_with_the_status_line_and_widens_one_audit_entry(team, report):
    first = team.post(_url("progress_narrative", report), _narrative(report), **HTMX)
    assert first.status_code == 200
    assert 'value="2"' in first.content.decode()
    team.post(_url("progress_narrative", report), _narrative(report, "ทำตามแผน ต่อ", 2), **HTMX)
    entry = AuditEntry.objects.get(action="progress_report.narrative_saved")
    assert entry.data == {"saves": 2}


def test_a_save_from_an_older_version_never_overwrites_a_colleagues_text(
    client, team, report, project
):
    member = add_member(project)
    client.force_login(member)
    client.post(_url("progress_narrative", report), _narrative(report, "ข้อความของเพื่อน"))
    team.force_login(report.proposal.lead)
    response = team.post(_url("progress_narrative", report), _narrative(report, "ของฉัน"), **HTMX)
    assert response.status_code == 409
    assert "A colleague saved this narrative" in response.content.decode()
    assert ProgressReport.objects.get(pk=report.pk).narrative == "ข้อความของเพื่อน"


def test_the_same_text_sent_twice_is_no_conflict(team, report):
    team.post(_url("progress_narrative", report), _narrative(report), **HTMX)
    again = team.post(_url("progress_narrative", report), _narrative(report, version=1), **HTMX)
    assert again.status_code == 200
    assert ProgressReport.objects.get(pk=report.pk).version == 2


def test_a_post_on_a_submitted_report_is_refused_with_a_message_and_saves_nothing(team, report):
    _submitted(report)
    response = team.post(_url("progress_narrative", report), _narrative(report), follow=True)
    assert response.redirect_chain[-1][0] == _url("progress_detail", report)
    assert _messages(response) == [
        "This report is “Submitted”: it can no longer be changed. Nothing was saved."
    ]
    assert ProgressReport.objects.get(pk=report.pk).narrative == ""
    htmx = team.post(_url("progress_narrative", report), _narrative(report), **HTMX)
    assert htmx.status_code == 409


@pytest.mark.parametrize(
    "name", ["progress_activities", "progress_spending", "progress_results", "progress_outputs"]
)
def test_every_table_refuses_a_post_once_the_report_is_submitted(team, report, name):
    data = _page_data(team, _url(name, report))
    _submitted(report)
    response = team.post(_url(name, report), data, follow=True)
    assert response.redirect_chain[-1][0] == _url("progress_detail", report)
    assert "Nothing was saved." in _messages(response)[0]


def test_the_team_edits_only_its_own_report(client, officer, report):
    other = rich_project(officer)
    client.force_login(other.lead)
    response = client.post(_url("progress_narrative", report), _narrative(report))
    assert response.status_code == 404
    assert ProgressReport.objects.get(pk=report.pk).narrative == ""


# Activities -------------------------------------------------------------------------------------


def _activities(project):
    return list(project.activities.all())


def test_activity_progress_is_saved_row_by_row(team, report, project):
    first, second = _activities(project)
    url = _url("progress_activities", report)
    data = _page_data(team, url)
    data[_row_of(data, "activity", first.pk) + "percent"] = "40"
    data[_row_of(data, "activity", first.pk) + "note"] = "สำรวจแล้ว 3 ชุมชน"
    assert team.post(url, data).status_code == 302
    rows = list(ActivityProgress.objects.filter(report=report).values_list("activity", "percent"))
    assert rows == [(first.pk, D("40.00"))]
    data = _page_data(team, url)
    data[_row_of(data, "activity", first.pk) + "percent"] = ""
    data[_row_of(data, "activity", first.pk) + "note"] = ""
    data[_row_of(data, "activity", second.pk) + "percent"] = "0"
    team.post(url, data)
    rows = list(ActivityProgress.objects.filter(report=report).values_list("activity", "percent"))
    assert rows == [(second.pk, D("0.00"))]


@pytest.mark.parametrize(
    ("percent", "note", "message"),
    [
        ("101", "", "Give a percentage from 0 to 100."),
        ("-1", "", "Give a percentage from 0 to 100."),
        ("", "เริ่มแล้ว", "Give the progress of this activity, or clear its note."),
    ],
)
def test_bad_activity_progress_saves_nothing(team, report, project, percent, note, message):
    first, second = _activities(project)
    url = _url("progress_activities", report)
    data = _page_data(team, url)
    data[_row_of(data, "activity", first.pk) + "percent"] = "50"  # a good row, not saved either
    data[_row_of(data, "activity", second.pk) + "percent"] = percent
    data[_row_of(data, "activity", second.pk) + "note"] = note
    response = team.post(url, data)
    assert response.status_code == 200
    assert _messages(response) == ["Nothing was saved: correct the cells marked in red."]
    assert message in response.content.decode()
    assert not ActivityProgress.objects.exists()


def test_a_row_for_an_activity_of_another_project_is_refused(team, report, officer):
    stranger = rich_project(officer).activities.first()
    url = _url("progress_activities", report)
    data = _page_data(team, url)
    data["form-0-activity"] = str(stranger.pk)
    data["form-0-percent"] = "10"
    response = team.post(url, data)
    assert "This activity is not in the project&#x27;s work plan" in response.content.decode()
    assert not ActivityProgress.objects.exists()


# Spending ---------------------------------------------------------------------------------------


def test_spending_is_saved_per_category(team, report, project):
    materials = project.call.budget_categories.get(code="materials")
    url = _url("progress_spending", report)
    data = _page_data(team, url)
    data[_row_of(data, "category", materials.pk) + "amount"] = "125000.50"
    data[_row_of(data, "category", materials.pk) + "note"] = "วัสดุสำรวจ"
    assert team.post(url, data).status_code == 302
    assert list(Spending.objects.values_list("category", "amount", "note")) == [
        (materials.pk, D("125000.50"), "วัสดุสำรวจ")
    ]


def test_negative_spending_saves_nothing(team, report, project):
    materials = project.call.budget_categories.get(code="materials")
    personnel = project.call.budget_categories.get(code="personnel")
    url = _url("progress_spending", report)
    data = _page_data(team, url)
    data[_row_of(data, "category", personnel.pk) + "amount"] = "1000"
    data[_row_of(data, "category", materials.pk) + "amount"] = "-5"
    response = team.post(url, data)
    assert "The amount cannot be negative." in response.content.decode()
    assert not Spending.objects.exists()


def test_spending_over_the_approved_amount_is_saved_with_a_warning(team, report, project):
    materials = project.call.budget_categories.get(code="materials")
    url = _url("progress_spending", report)
    data = _page_data(team, url)
    data[_row_of(data, "category", materials.pk) + "amount"] = "9999999"
    team.post(url, data)
    assert Spending.objects.get().amount == D("9999999.00")
    page = team.get(url)
    assert [row.category for row in page.context["rows"] if row.over] == [materials]
    assert "table-warning" in page.content.decode()


def test_spending_in_a_category_of_another_call_is_refused(team, report, officer):
    stranger = rich_project(officer).call.budget_categories.first()
    url = _url("progress_spending", report)
    data = _page_data(team, url)
    data["form-0-category"] = str(stranger.pk)
    data["form-0-amount"] = "10"
    response = team.post(url, data)
    assert "This budget category is not one the call allows" in response.content.decode()
    assert not Spending.objects.exists()


# Indicator results --------------------------------------------------------------------------------


def _result_rows(team, report):
    url = _url("progress_results", report)
    data = _page_data(team, url)
    rows = {}  # indicator code → the prefixes of its rows, in the page's order
    for name, value in data.items():
        if name.endswith("-indicator"):
            code = Indicator.objects.get(pk=value).code
            rows.setdefault(code, []).append(name[: -len("indicator")])
    return url, data, rows


def _fill_results(data, rows, values):
    for code, prefixes in rows.items():
        for prefix, value in zip(prefixes, values[code], strict=True):
            data[prefix + "value"] = value


GOOD = {"KR1.1": ["2"], "KR2.1": ["1", "0"], "KR3.1": ["55.5"]}


def test_results_are_saved_for_every_committed_indicator_and_municipality(team, report):
    url, data, rows = _result_rows(team, report)
    assert {code: len(prefixes) for code, prefixes in rows.items()} == {
        "KR1.1": 1,
        "KR2.1": 2,
        "KR3.1": 1,
    }
    _fill_results(data, rows, GOOD)
    data[rows["KR1.1"][0] + "evidence_url"] = "example.org/minutes"
    assert team.post(url, data).status_code == 302
    saved = sorted(
        (r.indicator.code, r.value, r.evidence_url)
        for r in IndicatorResult.objects.select_related("indicator")
    )
    assert saved == [
        ("KR1.1", D("2.00"), "https://example.org/minutes"),
        ("KR2.1", D("0.00"), ""),
        ("KR2.1", D("1.00"), ""),
        ("KR3.1", D("55.50"), ""),
    ]


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("KR2.1", "2", "This is a yes/no indicator: give 1 for yes or 0 for no."),
        ("KR3.1", "120", "This indicator is a percentage: give 0 to 100."),
        ("KR1.1", "1.5", "This indicator counts things: give a whole number."),
        ("KR1.1", "-3", "The value cannot be negative."),
        ("KR3.1", "-1", "The value cannot be negative."),
    ],
)
def test_a_value_that_does_not_fit_the_indicator_saves_nothing(team, report, code, value, message):
    url, data, rows = _result_rows(team, report)
    _fill_results(data, rows, GOOD)
    data[rows[code][0] + "value"] = value
    response = team.post(url, data)
    assert response.status_code == 200
    assert _messages(response) == ["Nothing was saved: correct the cells marked in red."]
    assert message in response.content.decode()
    assert not IndicatorResult.objects.exists()


def test_a_result_for_a_municipality_the_project_did_not_commit_is_refused(team, report):
    url, data, rows = _result_rows(team, report)
    _fill_results(data, rows, GOOD)
    data[rows["KR2.1"][0] + "municipality"] = str(MunicipalityFactory().pk)
    response = team.post(url, data)
    assert (
        "This municipality is not one the project committed to for this indicator"
        in response.content.decode()
    )
    assert not IndicatorResult.objects.exists()


def test_a_result_for_an_indicator_the_project_did_not_commit_is_refused(team, report):
    url, data, rows = _result_rows(team, report)
    _fill_results(data, rows, GOOD)
    programme = report.proposal.call.programme
    stranger = Indicator.objects.create(
        programme=programme,
        objective=programme.objectives.first(),
        code="KR9.9",
        name_th="อื่น",
        name_en="Other",
    )
    data[rows["KR1.1"][0] + "indicator"] = str(stranger.pk)
    response = team.post(url, data)
    assert "The project did not commit to this indicator" in response.content.decode()
    assert not IndicatorResult.objects.exists()


def test_a_result_with_evidence_files_cannot_lose_its_value(team, report):
    complete_report(report)
    result = IndicatorResult.objects.filter(report=report, indicator__code="KR1.1").get()
    ResultEvidence.objects.create(result=result, file="x.pdf", original_name="x.pdf", size=1)
    url, data, rows = _result_rows(team, report)
    data[rows["KR1.1"][0] + "value"] = ""
    response = team.post(url, data)
    assert "This result has evidence files: give its value or remove them." in (
        response.content.decode()
    )
    assert IndicatorResult.objects.get(pk=result.pk).value == D("1.00")


def test_a_save_racing_a_submission_writes_nothing(report, researcher, project):
    activity = project.activities.first()
    _submitted(report)  # the page read a draft; the report is submitted meanwhile
    with pytest.raises(report_services.NotEditable):
        report_services.save_activity_progress(
            actor=researcher, report=report, rows=[(activity, D(10), "")]
        )
    assert not ActivityProgress.objects.exists()


def test_the_services_refuse_anyone_outside_the_team(report, officer, project):
    with pytest.raises(PermissionDenied):
        report_services.save_narrative(
            actor=officer, report=report, narrative="x", problems="", version=1
        )
    assert ProgressReport.objects.get(pk=report.pk).narrative == ""
