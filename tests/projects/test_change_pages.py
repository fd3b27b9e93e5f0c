"""The change request pages: who opens and posts what (every role, an outsider, the team, the
programme's own manager), the form's refusals with nothing saved, the files, and a fixed number
of queries on the lists whatever the number of requests."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from projects.changes import checks
from projects.models import (
    ChangeAttachment,
    ChangeKind,
    ChangeRequest,
    ChangeState,
    ProgressReport,
)
from tests.helpers import assert_access, assert_flat_queries, status_for
from tests.projects.builders import funded_project
from tests.projects.changes_builders import grid_of, moved_grid, start_reallocation
from tests.projects.pages import expect, people_around

pytestmark = pytest.mark.django_db

FOLLOWERS = {
    Role.FUNDING_OFFICER.value: 200,
    Role.ADMINISTRATOR.value: 200,
    "lead": 200,
    "team_member": 200,
    "own_manager": 200,
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def project(officer):
    return funded_project(officer)


@pytest.fixture
def people(project, personas):
    return people_around(project, personas)


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_projects_followers_read_its_requests(client, project, people):
    change = start_reallocation(project, project.lead)
    assert_access(
        client, people, reverse("projects:change_list", args=[project.pk]), expect(**FOLLOWERS)
    )
    assert_access(client, people, change.get_absolute_url(), expect(**FOLLOWERS))


def test_only_the_team_opens_the_new_and_edit_pages(client, project, people):
    change = start_reallocation(project, project.lead)
    staff = {Role.FUNDING_OFFICER.value: 403, Role.ADMINISTRATOR.value: 403, "own_manager": 403}
    answers = expect(**staff, lead=200, team_member=200)
    for kind in ChangeKind.values:
        url = reverse("projects:change_new", args=[project.pk, kind])
        assert_access(client, people, url, answers)
    assert_access(client, people, reverse("projects:change_edit", args=[change.pk]), answers)


def test_only_the_team_submits(client, project, people):
    change = start_reallocation(project, project.lead)
    url = reverse("projects:change_step", args=[change.pk, "submit"])
    staff = {Role.FUNDING_OFFICER.value: 403, Role.ADMINISTRATOR.value: 403, "own_manager": 403}
    for name, user in people.items():
        if name in ("lead", "team_member"):
            continue
        assert status_for(client, user, url, method="post") == expect(**staff)[name], name
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.DRAFT
    assert status_for(client, people["team_member"], url, method="post") == 302
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.SUBMITTED


def test_only_an_officer_recommends_and_only_the_own_manager_decides(client, project, people):
    change = start_reallocation(project, project.lead, amount="100000.00")
    client.force_login(project.lead)
    client.post(reverse("projects:change_step", args=[change.pk, "submit"]))
    recommend = reverse("projects:change_step", args=[change.pk, "recommend"])
    viewers = {Role.ADMINISTRATOR.value: 403, "own_manager": 403, "lead": 403}
    for name, user in people.items():
        if name in (Role.FUNDING_OFFICER.value, "team_member"):
            continue
        assert status_for(client, user, recommend, method="post") == expect(**viewers)[name], name
    assert status_for(client, people[Role.FUNDING_OFFICER.value], recommend, method="post") == 302
    approve = reverse("projects:change_step", args=[change.pk, "approve"])
    viewers = {Role.ADMINISTRATOR.value: 403, Role.FUNDING_OFFICER.value: 403, "lead": 403}
    for name, user in people.items():
        if name in ("own_manager", "team_member"):
            continue
        assert status_for(client, user, approve, method="post") == expect(**viewers)[name], name
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.RECOMMENDED
    assert status_for(client, people["own_manager"], approve, method="post") == 302
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.APPROVED


def test_an_unknown_request_or_kind_is_not_found(client, project):
    client.force_login(project.lead)
    assert client.get(reverse("projects:change_detail", args=[999])).status_code == 404
    url = reverse("projects:change_new", args=[project.pk, "nonsense"])
    assert client.get(url).status_code == 404


def test_the_team_starts_a_reallocation_from_the_grid(client, project):
    client.force_login(project.lead)
    url = reverse("projects:change_new", args=[project.pk, ChangeKind.BUDGET])
    form = client.get(url).context["form"]
    data = {"reason": "Prices went up."}
    for key, value in moved_grid(project, "1000.00").items():
        category, year = key.split(":")
        data[f"cell_{category}_{year}"] = str(value)
    response = client.post(url, data)
    change = ChangeRequest.objects.get(proposal=project)
    assert response.status_code == 302 and response.url == change.get_absolute_url()
    assert checks.proposed_grid(change) == {
        key: value for key, value in checks.proposed_grid(change).items() if value
    }
    assert sum(checks.proposed_grid(change).values()) == project.award.amount
    assert len(form.cells) == len([c for c in project.call.budget_categories.all() if c.allowed])


def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(client, project):
    client.force_login(english(project.lead))
    url = reverse("projects:change_new", args=[project.pk, ChangeKind.EXTENSION])
    response = client.post(url, {"reason": "", "new_ends_on": "not a date"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reason", "new_ends_on"}
    assert not ChangeRequest.objects.exists()


def test_a_submission_with_gaps_says_which_and_changes_nothing(client, project):
    change = ChangeRequest.objects.create(
        proposal=project, number=1, kind=ChangeKind.BUDGET, reason="x", budget={}
    )
    client.force_login(english(project.lead))
    response = client.get(change.get_absolute_url())
    assert any("approved amount" in str(problem) for problem in response.context["problems"])
    response = client.post(reverse("projects:change_step", args=[change.pk, "submit"]), follow=True)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.DRAFT
    assert "a reallocation keeps the total" in response.content.decode()


def test_the_team_attaches_a_file_that_the_followers_download(client, project, people):
    change = start_reallocation(project, project.lead)
    client.force_login(project.lead)
    upload = SimpleUploadedFile("quote.png", PNG, content_type="image/png")
    client.post(reverse("projects:change_attach", args=[change.pk]), {"file": upload})
    attachment = ChangeAttachment.objects.get(change=change)
    assert attachment.original_name == "quote.png"
    url = reverse("projects:change_file", args=[change.pk, attachment.pk])
    assert_access(client, people, url, expect(**FOLLOWERS))
    fake = SimpleUploadedFile("fake.pdf", b"not a pdf at all", content_type="application/pdf")
    client.force_login(project.lead)
    client.post(reverse("projects:change_attach", args=[change.pk]), {"file": fake})
    assert ChangeAttachment.objects.filter(change=change).count() == 1


def test_the_approved_change_shows_before_and_after(client, project, officer, manager):
    project.call.programme.managers.add(manager)
    change = start_reallocation(project, project.lead, amount="100000.00")
    before = grid_of(project)
    for step, person in (("submit", project.lead), ("recommend", officer), ("approve", manager)):
        client.force_login(person)
        client.post(reverse("projects:change_step", args=[change.pk, step]))
    client.force_login(project.lead)
    response = client.get(change.get_absolute_url())
    html = response.content.decode()
    assert "<del" in html and "<ins" in html
    assert response.context["grid"]["moved"] == 100000
    assert grid_of(project) != before


def _many_changes(project):
    def make(count):
        start = ChangeRequest.objects.filter(proposal=project).count()
        for number in range(start + 1, start + count + 1):
            change = ChangeRequest.objects.create(
                proposal=project,
                number=number,
                kind=ChangeKind.EXTENSION if number % 2 else ChangeKind.BUDGET,
                state=ChangeState.APPROVED if number % 3 else ChangeState.SUBMITTED,
                reason="x",
                created_by=project.lead,
                decided_by=project.lead,
                before={"ends_on": "2025-12-31"},
                after={"ends_on": "2026-01-31"},
            )
            ChangeAttachment.objects.create(change=change, original_name="a.pdf", file="a.pdf")

    return make


def test_the_list_runs_the_same_queries_for_few_and_many_requests(client, project, officer):
    url = reverse("projects:change_list", args=[project.pk])
    queries = assert_flat_queries(client, project.lead, url, _many_changes(project), few=1, many=12)
    assert queries == 6


def test_the_project_page_runs_the_same_queries_for_few_and_many_requests(client, project):
    url = reverse("projects:project", args=[project.pk])
    queries = assert_flat_queries(client, project.lead, url, _many_changes(project), few=1, many=12)
    assert queries == 11


def test_the_project_page_runs_the_same_queries_for_few_and_many_for_an_officer(
    client, project, officer
):
    """The risk badge reads the reports, instalments and change requests the page has read."""
    url = reverse("projects:project", args=[project.pk])
    ContentType.objects.get_for_model(ProgressReport)  # cached for the process, as in a server
    queries = assert_flat_queries(client, officer, url, _many_changes(project), few=1, many=12)
    assert queries == 11


def test_the_team_changes_a_target_from_the_grid(client, project):
    client.force_login(project.lead)
    url = reverse("projects:change_new", args=[project.pk, ChangeKind.COMMITMENTS])
    form = client.get(url).context["form"]
    data = {"reason": "A municipality joined."}
    for name, field in form.fields.items():
        if name.startswith("target_"):
            value = form.initial.get(name, field.initial)
            data[name] = "" if value is None else str(value)
    changed = next(name for name, value in data.items() if name.startswith("target_") and value)
    data[changed] = "99"
    response = client.post(url, data)
    change = ChangeRequest.objects.get(proposal=project)
    assert response.status_code == 302
    _prefix, indicator, year, town = changed.split("_")
    assert checks.proposed_targets(change)[(int(indicator), int(year), int(town) or None)] == 99
    assert len(checks.proposed_targets(change)) == len(checks.committed_targets(project))


def test_the_team_changes_an_effort_from_the_team_form(client, project):
    from tests.projects.builders import add_member

    add_member(project)
    client.force_login(project.lead)
    url = reverse("projects:change_new", args=[project.pk, ChangeKind.TEAM])
    form = client.get(url).context["form"]
    lead = checks.lead_member(project)
    data = {
        "reason": "The lead has less time.",
        "lead": str(lead.pk),
        "municipalities": [str(pk) for pk in form["municipalities"].initial],
    }
    for member, _fields in form.members:
        data[f"effort_{member.pk}"] = str(member.effort_percent)
    data[f"effort_{lead.pk}"] = "25"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    change = ChangeRequest.objects.get(proposal=project)
    effort, removed, new_lead, _towns = checks.proposed_team(change)
    assert (effort[lead.pk], removed, new_lead) == (25, set(), lead.pk)
    assert checks.team_problems(change) == []
    page = client.get(change.get_absolute_url())
    assert page.context["team"]["rows"]


def test_only_funding_officers_set_a_calls_rules(client, project, people):
    url = reverse("projects:change_policy", args=[project.call.code])
    assert_access(client, people, url, expect(**{Role.FUNDING_OFFICER.value: 200}))


def test_an_officer_sets_the_rules_and_bad_input_changes_nothing(client, project, officer):
    from accounts.models import AuditEntry
    from projects.models import ChangePolicy

    url = reverse("projects:change_policy", args=[project.call.code])
    client.force_login(officer)
    data = {
        "max_extension_months": "12",
        "max_extensions": "2",
        "officer_share_percent": "150",
        "officer_approves_extensions": "on",
    }
    response = client.post(url, data)
    assert set(response.context["form"].errors) == {"officer_share_percent"}
    assert not ChangePolicy.objects.exists()
    response = client.post(url, {**data, "officer_share_percent": "5"})
    assert response.status_code == 302
    policy = ChangePolicy.objects.get(call=project.call)
    assert (policy.max_extension_months, policy.max_extensions, policy.officer_share_percent) == (
        12,
        2,
        5,
    )
    assert policy.officer_approves_extensions
    assert AuditEntry.objects.filter(action="change_policy.set").count() == 1


def test_an_approved_team_change_links_to_the_versions_compared(client, project, officer, manager):
    project.call.programme.managers.add(manager)
    lead = checks.lead_member(project)
    team = {
        "effort": {str(lead.pk): "35"},
        "remove": [],
        "lead": lead.pk,
        "municipalities": [p.municipality_id for p in project.municipalities.all()],
    }
    from projects.changes import services as change_services

    change = change_services.start_change(
        proposal=project, actor=project.lead, kind=ChangeKind.TEAM, reason="x", team=team
    )
    change_services.submit_change(change=change, actor=project.lead)
    change_services.recommend_change(change=change, actor=officer)
    change_services.approve_change(change=change, actor=manager)
    first, second = ChangeRequest.objects.get(pk=change.pk).after["versions"]
    client.force_login(english(project.lead))
    html = client.get(change.get_absolute_url()).content.decode()
    compare = reverse("proposals:proposal_compare", args=[project.pk])
    assert f"{compare}?a={first}&amp;b={second}" in html
    response = client.get(compare, {"a": first, "b": second})
    assert response.status_code == 200
    from proposals.models import ProposalVersion

    versions = {v.number: v.data["team"] for v in ProposalVersion.objects.filter(proposal=project)}
    efforts = [{m["email"]: m["effort_percent"] for m in versions[n]} for n in (first, second)]
    assert efforts[0][project.lead.email] != "35.00"
    assert efforts[1][project.lead.email] == "35.00"


def test_staff_read_a_requests_history(client, project, officer):
    change = start_reallocation(project, project.lead)
    client.force_login(officer)
    html = client.get(change.get_absolute_url()).content.decode()
    history = reverse("history", args=["projects.changerequest", change.pk])
    assert history in html
    assert client.get(history).status_code == 200


def test_a_step_already_taken_says_so_and_changes_nothing(client, project, officer):
    change = start_reallocation(project, project.lead)
    url = reverse("projects:change_step", args=[change.pk, "submit"])
    client.force_login(project.lead)
    client.post(url)
    response = client.post(url, follow=True)
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.SUBMITTED
    assert [str(m) for m in response.context["messages"]][-1] == (
        "คำขอนี้อยู่ในสถานะ “ยื่นแล้ว” ไม่มีการเปลี่ยนแปลงใด ๆ"
    )
