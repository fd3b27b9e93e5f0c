"""The public portfolio: readable without signing in once a programme publishes it, a
preview for staff before, the funded projects with their counted figures, no personal data,
and a fixed number of queries."""

from decimal import Decimal
from urllib.parse import quote_plus

import pytest
from django.urls import reverse

from accounts.roles import Role
from indicators.models import Programme
from projects.models import IndicatorResult, ProgressReport, ProgressReportState
from proposals.models import ProgressReportKind, Proposal, ProposalState, TeamMember
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries
from tests.projects.builders import add_member, approved_proposal, funded_project
from tests.projects.pages import accept, put_report

D = Decimal
pytestmark = pytest.mark.django_db
INDEX = reverse("projects:portfolio_index")


def url(programme):
    return reverse("projects:portfolio", args=[programme.code])


def publish(programme, public=True):
    Programme.objects.filter(pk=programme.pk).update(public_portfolio=public)
    return Programme.objects.get(pk=programme.pk)


def anonymous_page(client, programme):
    client.logout()
    response = client.get(url(programme))
    assert response.status_code == 200
    return response


def test_a_published_portfolio_is_readable_by_everyone(client, personas, officer):
    programme = publish(funded_project(officer).call.programme)
    assert_access(client, personas, url(programme), dict.fromkeys(personas, 200))


def test_an_unpublished_portfolio_is_a_preview_for_staff_only(client, personas, officer):
    programme = funded_project(officer).call.programme
    staff = {
        Role.FUNDING_OFFICER.value: 200,
        Role.PROGRAMME_MANAGER.value: 200,
        Role.ADMINISTRATOR.value: 200,
    }
    expected = {**dict.fromkeys(personas, 404), **staff}
    assert_access(client, personas, url(programme), expected)
    client.force_login(officer)
    assert 'id="not-public"' in client.get(url(programme)).content.decode()


def test_a_published_portfolio_has_no_preview_banner(client, officer):
    programme = publish(funded_project(officer).call.programme)
    assert 'id="not-public"' not in anonymous_page(client, programme).content.decode()


def test_an_unknown_programme_is_not_found(client):
    assert client.get(reverse("projects:portfolio", args=["nope"])).status_code == 404


def test_the_index_lists_published_programmes_and_staff_see_the_others(client, officer):
    shown = publish(funded_project(officer).call.programme)
    hidden = Programme.objects.create(
        code="HIDDEN", name_th="แผนงานลับ", name_en="Hidden", funder=shown.funder
    )
    response = client.get(INDEX)
    assert [(p.code, p.project_count) for p in response.context["programmes"]] == [(shown.code, 1)]
    client.force_login(officer)
    codes = [p.code for p in client.get(INDEX).context["programmes"]]
    assert codes == sorted([shown.code, hidden.code])


def test_it_lists_active_completed_and_closed_projects_only(client, officer):
    active = funded_project(officer)
    programme = publish(active.call.programme)
    completed, closed, terminated = (funded_project(officer) for _ in range(3))
    Proposal.objects.filter(pk=completed.pk).update(state=ProposalState.COMPLETED)
    Proposal.objects.filter(pk=closed.pk).update(state=ProposalState.CLOSED)
    Proposal.objects.filter(pk=terminated.pk).update(state=ProposalState.TERMINATED)
    approved_proposal()
    response = anonymous_page(client, programme)
    shown = [project.proposal.pk for project in response.context["portfolio"].projects]
    assert shown == sorted([active.pk, completed.pk, closed.pk])


def test_each_project_shows_titles_places_technology_period_and_amount(client, officer):
    project = funded_project(officer, amount=D("850000.00"))
    programme = publish(project.call.programme)
    html = anonymous_page(client, programme).content.decode()
    place = project.municipalities.get().municipality
    technology = project.technologies.get().technology
    for text in (
        project.reference,
        project.title_th,
        project.title_en,
        place.name_th,
        technology.name_th,
        "850,000.00",
        "1 มกราคม 2568",
    ):
        assert text in html, text


def test_no_personal_data_of_the_team_appears(client, officer):
    project = funded_project(officer)
    programme = publish(project.call.programme)
    lead = project.lead
    lead.phone = "081-234-5678"
    lead.organisation = "คณะวิศวกรรมศาสตร์ มหาวิทยาลัยเชียงใหม่"
    lead.save()
    TeamMember.objects.filter(proposal=project, user=lead).update(
        organisation="คณะวิศวกรรมศาสตร์ มหาวิทยาลัยเชียงใหม่"
    )
    member = add_member(project, UserFactory(roles=[Role.RESEARCHER], organisation="สถาบันลับ"))
    TeamMember.objects.create(
        proposal=project, email="invited@example.org", name="คุณเชิญ ยังไม่ตอบ", organisation="บริษัท"
    )
    programme.managers.add(UserFactory(roles=[Role.PROGRAMME_MANAGER], full_name_th="ผู้จัดการ"))
    html = anonymous_page(client, programme).content.decode()
    for person in (lead, member):
        for text in (person.full_name_th, person.full_name_en, person.email, person.organisation):
            assert text not in html, text
    for text in ("081-234-5678", "invited@example.org", "คุณเชิญ", "บริษัท", "ผู้จัดการ", "@"):
        assert text not in html, text


def test_only_counted_results_are_shown_per_project_and_for_the_programme(client, officer):
    project = funded_project(officer)
    programme = publish(project.call.programme)
    indicator = project.contributions.get().indicator
    six_months = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6)
    IndicatorResult.objects.create(report=six_months, indicator=indicator, value=D("1"))
    accept(project, ProgressReportKind.MONTH_6, officer)
    final = put_report(project, ProgressReportKind.FINAL, ProgressReportState.SUBMITTED)
    IndicatorResult.objects.create(report=final, indicator=indicator, value=D("5"))

    portfolio = anonymous_page(client, programme).context["portfolio"]
    (only,) = portfolio.projects
    assert [(row[0].code, row[1], row[2]) for row in only.figures] == [
        ("KR1.1", D("1.00"), D("1.00"))
    ]
    (rollup,) = portfolio.rollups
    assert (rollup.indicator.code, rollup.committed, rollup.result) == (
        "KR1.1",
        D("1.00"),
        D("1.00"),
    )
    assert portfolio.approved_total == D("900000.00")


def test_the_portfolio_runs_the_same_queries_for_one_project_and_many(
    client, officer, django_assert_max_num_queries
):
    programme = publish(funded_project(officer).call.programme)

    def make(count):
        for _ in range(count):
            accepted = funded_project(officer)
            indicator = accepted.contributions.get().indicator
            report = ProgressReport.objects.get(proposal=accepted, kind=ProgressReportKind.MONTH_6)
            IndicatorResult.objects.create(report=report, indicator=indicator, value=D("2"))
            accept(accepted, ProgressReportKind.MONTH_6, officer)

    # Cold (every write renews the cache): the programme's summary and one page.
    assert_flat_queries(client, officer, url(programme), make, few=1, many=5)
    client.logout()
    client.get(url(programme))
    with django_assert_max_num_queries(1):  # warm, anonymous: the programme only
        client.get(url(programme))


# Paged, searched and cached


def test_the_portfolio_pages_and_searches_title_municipality_and_technology(
    client, officer, monkeypatch
):
    from projects.portfolio import selectors

    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    projects = [funded_project(officer) for _ in range(3)]
    programme = publish(projects[0].call.programme)
    Proposal.objects.filter(pk=projects[1].pk).update(title_th="ระบบแผนที่ภาษีเมืองน่าน")
    place = projects[2].municipalities.get().municipality
    technology = projects[0].technologies.get().technology
    client.logout()
    first = client.get(url(programme))
    assert [p.proposal.pk for p in first.context["portfolio"].projects] == [
        p.pk for p in projects[:2]
    ]
    assert first.context["portfolio"].summary.project_count == 3  # headlines: the whole programme
    second = client.get(url(programme), {"page": 2})
    assert [p.proposal.pk for p in second.context["portfolio"].projects] == [projects[2].pk]
    by_title = client.get(url(programme), {"q": "แผนที่ภาษี"})
    assert [p.proposal.pk for p in by_title.context["portfolio"].projects] == [projects[1].pk]
    assert by_title.context["portfolio"].count == 1
    by_place = client.get(url(programme), {"q": place.name_th})
    assert projects[2].pk in [p.proposal.pk for p in by_place.context["portfolio"].projects]
    by_technology = client.get(url(programme), {"q": technology.name_en})
    assert by_technology.context["portfolio"].count == 3
    # Asked again, the page comes rendered from the cache, its links keeping the search.
    again = client.get(url(programme), {"q": technology.name_en})
    assert again.context.get("portfolio") is None
    assert f"?q={quote_plus(technology.name_en)}&amp;page=2" in again.text
    nothing = client.get(url(programme), {"q": "ไม่มีคำนี้"})
    assert nothing.context["portfolio"].projects == []


def test_the_portfolio_is_served_from_the_cache_until_a_project_or_the_ledger_changes(
    client, officer, django_assert_max_num_queries
):
    from projects.models import Award
    from projects.portfolio import cache as portfolio_cache

    project = funded_project(officer)
    programme = publish(project.call.programme)
    client.logout()
    assert anonymous_page(client, programme).context["portfolio"].approved_total == D("900000.00")
    # A write that tells nobody (no signal) is not seen: the page comes from the cache.
    Proposal.objects.filter(pk=project.pk).update(title_th="ชื่อที่แก้โดยไม่บอกใคร")
    with django_assert_max_num_queries(2):  # the programme and nothing else
        cached = client.get(url(programme))
    assert "ชื่อที่แก้โดยไม่บอกใคร" not in cached.text

    # A project changes: its award.
    before = portfolio_cache.version(programme.pk)
    award = Award.objects.get(proposal=project)
    award.amount = D("800000.00")
    award.save()
    assert portfolio_cache.version(programme.pk) != before
    changed = anonymous_page(client, programme)
    assert changed.context["portfolio"].approved_total == D("800000.00")
    assert "ชื่อที่แก้โดยไม่บอกใคร" in changed.text

    # The KPI ledger changes: a report accepted with its result.
    indicator = project.contributions.get().indicator
    report = ProgressReport.objects.get(proposal=project, kind=ProgressReportKind.MONTH_6)
    unaccepted = portfolio_cache.version(programme.pk)
    IndicatorResult.objects.create(report=report, indicator=indicator, value=D("3"))
    # A result in a report not yet accepted counts nowhere: the cached page stays right.
    assert portfolio_cache.version(programme.pk) == unaccepted
    accept(project, ProgressReportKind.MONTH_6, officer)
    client.logout()
    (rollup,) = anonymous_page(client, programme).context["portfolio"].rollups
    assert rollup.result == D("3.00")


def test_a_ledger_row_deleted_renews_the_portfolio(client, officer):
    from indicators.models import Commitment
    from projects.portfolio import cache as portfolio_cache

    project = funded_project(officer)
    programme = project.call.programme
    before = portfolio_cache.version(programme.pk)
    Commitment.objects.filter(source=f"proposals.proposal:{project.pk}").first().delete()
    assert portfolio_cache.version(programme.pk) != before


def test_every_ledger_write_renews_the_portfolio_even_without_a_save(officer):
    """The ledger's bulk writes (new rows, withdrawn commitments, discounted results) send no
    post_save: `indicators.ledger.ledger_changed` renews the cache of their programme."""
    from indicators import ledger
    from projects.portfolio import cache as portfolio_cache
    from projects.services import ledger_source

    project = funded_project(officer)
    programme = project.call.programme
    indicator = project.contributions.get().indicator
    source = ledger_source(project)
    row = {"indicator": indicator, "fiscal_year": project.call.fiscal_year, "value": D(1)}
    if indicator.per_municipality:
        row["municipality"] = project.municipalities.first().municipality

    def renews(write):
        before = portfolio_cache.version(programme.pk)
        write()
        return portfolio_cache.version(programme.pk) != before

    def accept_results():
        ledger.record_results(
            programme=programme,
            report="r:1",
            source=source,
            source_label="x",
            period="month_6",
            period_end=project.award.ends_on,
            rows=[row],
        )

    assert renews(accept_results)
    assert renews(lambda: ledger.discount_results(report="r:1"))
    assert renews(lambda: ledger.withdraw_commitments(source=source))
    assert renews(
        lambda: ledger.record_commitments(
            programme=programme, source="new", source_label="n", rows=[row]
        )
    )


def test_the_cached_portfolio_is_kept_per_language(client, officer):
    """The rendered part of the page is kept per language: a Thai visitor after an English one
    reads Thai."""
    programme = publish(funded_project(officer).call.programme)
    client.logout()
    english = client.get(url(programme), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    thai = client.get(url(programme), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "Results of the programme" in english
    assert "Results of the programme" not in thai
    again = client.get(url(programme), HTTP_ACCEPT_LANGUAGE="en")
    assert again.context.get("portfolio") is None  # from the cache
    assert "Results of the programme" in again.content.decode()
