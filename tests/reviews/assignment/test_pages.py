"""The pool, a reviewer's profile, a proposal's assignment page, cancelling and the whole
call's assignment: who may open and use them, what they show, and their query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reviews.assignment.bulk import plan_call
from reviews.models import Assignment, AssignmentState, ReviewerProfile
from tests.helpers import assert_access, assert_flat_queries
from tests.reviews.screening.builders import a_call, a_reviewer, assign, cleared, submitted

pytestmark = pytest.mark.django_db

LOGIN = 302
DUE = timezone.localdate() + datetime.timedelta(days=14)


def table(officer, manager=403):
    return {
        "researcher": 403,
        "funding_officer": officer,
        "reviewer": 403,
        "programme_manager": manager,
        "administrator": 403,
        "mentor": 403,
        "finance": 403,
        "outsider": 403,
        "anonymous": LOGIN,
    }


@pytest.fixture
def proposal():
    return submitted(a_call(reviewers_per_proposal=2), keywords="GIS", organisation="Org P")


# Who may.


def test_the_pool_is_for_officers_and_managers(client, personas, proposal):
    assert_access(client, personas, reverse("reviews:pool"), table(200, 200))
    url = reverse("reviews:pool") + f"?call={proposal.call.code}"
    assert_access(client, personas, url, table(200, 200))


def test_a_reviewers_profile_is_kept_by_officers(client, personas):
    reviewer = a_reviewer()
    url = reverse("reviews:reviewer_profile", args=[reviewer.pk])
    assert_access(client, personas, url, table(200))
    data = {"keywords_th": "ผังเมือง", "keywords_en": "", "max_per_call": "4", "is_available": "on"}
    assert_access(client, personas, url, table(302), method="post", data=data)
    assert ReviewerProfile.objects.get(user=reviewer).max_per_call == 4


def test_the_profile_of_someone_outside_the_pool_is_not_found(client, officer, researcher):
    client.force_login(officer)
    url = reverse("reviews:reviewer_profile", args=[researcher.pk])
    assert client.get(url).status_code == 404


def test_the_assignment_page_is_for_officers(client, personas, proposal):
    reviewer = a_reviewer()
    url = reverse("reviews:assign", args=[proposal.pk])
    assert_access(client, personas, url, table(200))
    data = {"reviewer": reviewer.pk, "due_date": DUE.isoformat()}
    assert_access(client, personas, url, table(302), method="post", data=data)
    assert Assignment.objects.get().reviewer == reviewer
    client.force_login(personas["funding_officer"])
    assert client.get(reverse("reviews:assign", args=[999999])).status_code == 404


def test_cancelling_is_for_officers(client, personas, proposal):
    assignment = assign(proposal, a_reviewer())
    url = reverse("reviews:cancel_assignment", args=[assignment.pk])
    assert_access(client, personas, url, table(200))
    assert_access(client, personas, url, table(302), method="post", data={"reason": "ช้า"})
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.CANCELLED


def test_the_whole_call_assignment_is_for_officers(client, personas, proposal):
    a_reviewer(keywords="GIS")
    url = reverse("reviews:assign_call", args=[proposal.call.code])
    assert_access(client, personas, url, table(200))
    data = {"due_date": DUE.isoformat(), "fingerprint": plan_call(proposal.call).fingerprint}
    assert_access(client, personas, url, table(302), method="post", data=data)
    # Applied once, by the officer: the GIS reviewer, then the reviewer persona (no match).
    assert Assignment.objects.count() == 2


# What they show and do.


def test_the_pool_shows_keywords_limits_and_loads_in_the_chosen_call(client, officer, proposal):
    reviewer = a_reviewer(
        keywords="GIS",
        profile={"keywords_th": "ผังเมือง", "keywords_en": "urban planning", "max_per_call": 2},
    )
    newcomer = a_reviewer()
    assign(proposal, reviewer)
    assign(submitted(proposal.call), reviewer, AssignmentState.DECLINED)
    assign(submitted(a_call()), reviewer)  # another call
    client.force_login(officer)
    rows = client.get(reverse("reviews:pool")).context["rows"]
    by_user = {row["user"]: row for row in rows}
    assert by_user[reviewer]["keywords"] == ["ผังเมือง", "urban planning", "GIS"]
    assert (by_user[reviewer]["max"], by_user[reviewer]["load"]) == (2, 0)
    assert (by_user[newcomer]["max"], by_user[newcomer]["has_profile"]) == (5, False)
    response = client.get(reverse("reviews:pool"), {"call": proposal.call.code})
    by_user = {row["user"]: row for row in response.context["rows"]}
    assert by_user[reviewer]["load"] == 1
    assert by_user[newcomer]["load"] == 0


def test_the_assignment_page_ranks_candidates_and_lists_this_round(client, officer, proposal):
    expert = a_reviewer(keywords="GIS")
    colleague = a_reviewer(keywords="GIS", organisation="Org P")
    stranger = a_reviewer()
    current = cleared(proposal, a_reviewer())
    client.force_login(officer)
    with translation.override("en"):
        response = client.get(
            reverse("reviews:assign", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
    ranked = [c.user for c in response.context["candidates"]]
    assert ranked.index(expert) < ranked.index(stranger) < ranked.index(colleague)
    assert response.context["current"] == [current]
    html = response.content.decode()
    assert f'name="reviewer" value="{expert.pk}"' in html
    assert f'name="reviewer" value="{colleague.pk}"' not in html
    assert "Same organisation as team member" in html
    assert reverse("reviews:cancel_assignment", args=[current.pk]) in html


def test_the_matching_table_and_the_pool_show_the_authenticated_orcid_id(client, officer, proposal):
    with_orcid = a_reviewer(keywords="GIS")
    without = a_reviewer(keywords="GIS")
    type(with_orcid).objects.filter(pk=with_orcid.pk).update(orcid="0000-0002-1825-0097")
    client.force_login(officer)
    link = '<a href="https://orcid.org/0000-0002-1825-0097">ORCID 0000-0002-1825-0097</a>'
    for url in (reverse("reviews:assign", args=[proposal.pk]), reverse("reviews:pool")):
        html = client.get(url).content.decode()
        assert html.count(link) == 1, url
        assert without.display_name in html
        assert html.count("https://orcid.org/") == 1  # nobody else's


def test_a_refused_assignment_is_explained(client, officer, proposal):
    colleague = a_reviewer(organisation="Org P")
    client.force_login(officer)
    with translation.override("en"):
        response = client.post(
            reverse("reviews:assign", args=[proposal.pk]),
            {"reviewer": colleague.pk, "due_date": DUE.isoformat()},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Conflict of interest: Same organisation") for m in shown)
    assert not Assignment.objects.exists()


def test_a_past_due_date_is_refused_on_the_page(client, officer, proposal):
    client.force_login(officer)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        reverse("reviews:assign", args=[proposal.pk]),
        {"reviewer": a_reviewer().pk, "due_date": yesterday.isoformat()},
    )
    assert not Assignment.objects.exists()


def test_cancelling_without_a_reason_keeps_the_assignment(client, officer, proposal):
    assignment = assign(proposal, a_reviewer())
    client.force_login(officer)
    response = client.post(reverse("reviews:cancel_assignment", args=[assignment.pk]), {})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.INVITED


def test_the_whole_call_preview_shows_the_plan_and_applies_it(client, officer, proposal):
    first = a_reviewer("a@example.org", keywords="GIS")
    second = a_reviewer("b@example.org", keywords="GIS")
    client.force_login(officer)
    url = reverse("reviews:assign_call", args=[proposal.call.code])
    page = client.get(url)
    (row,) = page.context["plan"].rows
    assert [c.user for c in row.picks] == [first, second]
    assert not Assignment.objects.exists()
    fingerprint = page.context["form"].initial["fingerprint"]
    response = client.post(url, {"due_date": DUE.isoformat(), "fingerprint": fingerprint})
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("reviewer", flat=True)) == {first.pk, second.pk}


def test_a_stale_preview_shows_the_new_plan_instead(client, officer, proposal):
    a_reviewer(keywords="GIS")
    client.force_login(officer)
    url = reverse("reviews:assign_call", args=[proposal.call.code])
    response = client.post(url, {"due_date": DUE.isoformat(), "fingerprint": "stale"})
    assert response.status_code == 200
    assert not Assignment.objects.exists()
    assert response.context["form"]["fingerprint"].value() == response.context["plan"].fingerprint


# Query counts.


def test_the_pool_runs_a_fixed_number_of_queries(client, officer):
    call = a_call()

    def make_rows(count):
        for n in range(count):
            reviewer = a_reviewer(keywords="GIS", profile={} if n % 2 else None)
            assign(submitted(call), reviewer)

    url = reverse("reviews:pool") + f"?call={call.code}"
    assert assert_flat_queries(client, officer, url, make_rows, many=8) == 6


def test_the_pool_pages_and_keeps_the_call_across_pages(client, officer, monkeypatch):
    from reviews.assignment import views

    monkeypatch.setattr(views, "POOL_PER_PAGE", 2)
    call = a_call()
    for _ in range(3):
        assign(submitted(call), a_reviewer(keywords="GIS"))
    client.force_login(officer)
    first = client.get(reverse("reviews:pool"), {"call": call.code})
    assert first.context["page"].paginator.count >= 3
    assert len(first.context["rows"]) == 2
    assert f"call={call.code}&amp;page=2" in first.text
    second = client.get(reverse("reviews:pool"), {"call": call.code, "page": 2})
    assert {row["user"].pk for row in second.context["rows"]}.isdisjoint(
        {row["user"].pk for row in first.context["rows"]}
    )
    pages = [client.get(reverse("reviews:pool"), {"call": call.code, "page": n}) for n in (1, 2)]
    assert sum(row["load"] for page in pages for row in page.context["rows"]) == 3


def test_the_assignment_page_runs_a_fixed_number_of_queries(client, officer, proposal):
    def make_rows(count):
        for n in range(count):
            reviewer = a_reviewer(keywords="GIS", profile={} if n % 2 else None)
            assign(proposal, reviewer, AssignmentState.ACCEPTED, cleared=bool(n % 2))
            assign(submitted(proposal.call), reviewer)

    url = reverse("reviews:assign", args=[proposal.pk])
    assert assert_flat_queries(client, officer, url, make_rows, many=8) == 11


def test_the_whole_call_preview_runs_a_fixed_number_of_queries(client, officer):
    call = a_call(reviewers_per_proposal=2)

    def make_rows(count):
        for _n in range(count):
            submitted(call, keywords="GIS")
            a_reviewer(keywords="GIS", profile={"max_per_call": 3})
            a_reviewer(keywords="energy")

    url = reverse("reviews:assign_call", args=[call.code])
    assert_flat_queries(client, officer, url, make_rows, many=8)
