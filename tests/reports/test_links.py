"""The "Documents" menus: the registry in accounts, the tag, and what reports puts in them."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from accounts.links import Link, links_for, register_links, unregister_links
from accounts.roles import Role
from indicators.models import Programme
from projects.models import ProgressReport
from proposals.models import ProgressReportKind
from reports.documents import PDF, Document, Output
from tests.factories import CallFactory, ProposalFactory, UserFactory
from tests.reports import jobs_fakes
from tests.reviews.reviewing.conftest import assign, proposal_in_review

catalogue = jobs_fakes.catalogue


@pytest.fixture
def slot():
    """A slot of its own, emptied after the test."""
    added = []

    def add(fn):
        register_links("test-slot", fn)
        added.append(fn)
        return fn

    yield add
    for fn in added:
        unregister_links("test-slot", fn)


@pytest.fixture
def call(db, manager):
    call = CallFactory(code="SLC-2568")
    call.programme.managers.add(manager)
    return call


@pytest.fixture
def proposal(call):
    return jobs_fakes.first_proposal(call)


def document_url(kind, format, key, query=""):
    return reverse("reports:document", args=[kind, format, key]) + query


def menu(page):
    """The document links of a page's "Documents" menu, as (label, href) pairs."""
    text = page.content.decode() if hasattr(page, "content") else page
    if 'class="dropdown document-links' not in text:
        return []
    block = text.split('class="dropdown document-links', 1)[1].split("</ul>", 1)[0]
    pairs = []
    for item in block.split('<a class="dropdown-item')[1:]:
        href = item.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        label = item.split(">", 1)[1].split("<", 1)[0].strip()
        pairs.append((label, href))
    return pairs


def test_links_come_from_every_function_of_the_slot_in_order(slot, officer):
    slot(lambda user, obj: [Link("A", "/a/")])
    slot(lambda user, obj: [Link("B", "/b/", icon="PDF"), Link("C", "/c/")])
    assert links_for("test-slot", officer, object()) == [
        Link("A", "/a/"),
        Link("B", "/b/", "PDF"),
        Link("C", "/c/"),
    ]


def test_a_function_is_registered_once_and_can_be_taken_off(slot, officer):
    def one(user, obj):
        return [Link("A", "/a/")]

    slot(one)
    slot(one)
    assert links_for("test-slot", officer, object()) == [Link("A", "/a/")]
    unregister_links("test-slot", one)
    assert links_for("test-slot", officer, object()) == []


def test_nobody_signed_out_and_no_object_get_links(slot, officer):
    slot(lambda user, obj: [Link("A", "/a/")])
    assert links_for("test-slot", AnonymousUser(), object()) == []
    assert links_for("test-slot", None, object()) == []
    assert links_for("test-slot", officer, None) == []
    assert links_for("no-such-slot", officer, object()) == []


def test_the_tag_renders_a_menu_only_when_there_are_links(slot, officer):
    slot(lambda user, obj: [Link(f"Sheet of {obj}", "/s/?a=1&b=2", icon="Excel")] if obj else [])
    request = RequestFactory().get("/")
    request.user = officer
    template = Template('{% document_links "test-slot" thing css="mb-3" %}')
    html = template.render(Context({"request": request, "thing": "X"}))
    assert 'class="dropdown document-links mb-3" data-slot="test-slot"' in html
    assert menu(html) == [("Sheet of X", "/s/?a=1&b=2")]
    assert '<span class="badge text-bg-light border">Excel</span>' in html
    assert template.render(Context({"request": request, "thing": ""})).strip() == ""


def test_the_menu_lists_the_documents_of_the_scope_a_person_may_have(
    catalogue, proposal, officer, reviewer
):
    assert links_for("proposal", proposal.lead, proposal) == [
        Link("Test proposal", document_url("test-proposal", "pdf", "SLC-2568-0001"), "PDF")
    ]
    assert links_for("proposal", reviewer, proposal) == []
    assert [link.label for link in links_for("call", officer, proposal.call)] == [
        "Test committee sheet"
    ]
    assert [link.label for link in links_for("programme", officer, proposal.call.programme)] == [
        "Broken report",
        "Broken small document",
        "Test KPI report",
        "Slow report",
    ]


def test_a_draft_is_linked_by_its_number(catalogue, call):
    draft = ProposalFactory(call=call)
    assert [link.url for link in links_for("proposal", draft.lead, draft)] == [
        document_url("test-proposal", "pdf", f"draft-{draft.pk}")
    ]


def test_the_register_menu_carries_the_register_filters(catalogue, call, officer, manager):
    filters = QueryDict("call=SLC-2568&state=submitted&page=3")
    expected = [
        Link(
            "Test register",
            document_url("register", "xlsx", "TEST-CALLS", "?call=SLC-2568&state=submitted"),
            "Excel",
        )
    ]
    assert links_for("register", officer, filters) == expected
    assert links_for("register", manager, filters) == expected
    assert links_for("register", UserFactory(roles=[Role.RESEARCHER]), filters) == []


def test_the_register_menu_offers_each_programme_when_no_call_is_chosen(catalogue, call, officer):
    other = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other", funder=call.programme.funder
    )
    other.fiscal_years.set(call.programme.fiscal_years.all())
    CallFactory(code="OTHER-1", programme=other)
    links = links_for("register", officer, QueryDict("state=draft"))
    assert [(link.label, link.url) for link in links] == [
        ("Test register · OTHER", document_url("register", "xlsx", "OTHER", "?state=draft")),
        (
            "Test register · TEST-CALLS",
            document_url("register", "xlsx", "TEST-CALLS", "?state=draft"),
        ),
    ]


def test_a_progress_report_is_linked_by_its_number(catalogue, proposal, officer):
    report = ProgressReport.objects.create(
        proposal=proposal,
        kind=ProgressReportKind.MONTH_6,
        period_start=datetime.date(2025, 10, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 4, 30),
    )
    assert links_for("progress_report", officer, report) == [
        Link("Test progress report", document_url("test-report", "pdf", str(report.pk)), "PDF")
    ]
    assert links_for("progress_report", proposal.lead, report) == []


# The pages of lower apps show the menu.


def test_the_proposal_workspace_shows_the_menu(client, catalogue, proposal):
    client.force_login(proposal.lead)
    page = client.get(reverse("proposals:proposal_detail", args=[proposal.pk]))
    assert menu(page) == [("Test proposal", document_url("test-proposal", "pdf", "SLC-2568-0001"))]


def test_the_workspace_shows_no_menu_without_documents(client, proposal):
    client.force_login(proposal.lead)
    with jobs_fakes.documents.DOCUMENTS.cleared():
        page = client.get(reverse("proposals:proposal_detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert menu(page) == []


def test_the_decision_page_shows_the_menu(client, catalogue, proposal):
    client.force_login(proposal.lead)
    page = client.get(reverse("reviews:decision", args=[proposal.pk]))
    assert page.status_code == 200
    assert menu(page) == [("Test proposal", document_url("test-proposal", "pdf", "SLC-2568-0001"))]


def test_the_reviewers_page_shows_what_the_reviewer_may_have(client, catalogue, reviewer):
    blind = Document(
        kind="test-blind",
        label="Test blind proposal",
        format=PDF,
        scope="proposal",
        may=lambda user, proposal: proposal.assignments.filter(reviewer=user).exists(),
        build=lambda proposal, **kwargs: Output("b.pdf", b"%PDF-b", PDF),
    )
    jobs_fakes.documents.register(blind)
    proposal = proposal_in_review()
    assignment = assign(proposal, reviewer, cleared=True)
    client.force_login(reviewer)
    page = client.get(reverse("reviews:review_proposal", args=[assignment.pk]))
    assert page.status_code == 200
    assert menu(page) == [
        ("Test blind proposal", document_url("test-blind", "pdf", proposal.reference))
    ]


def test_the_ranking_shows_the_calls_documents(client, catalogue, call, officer):
    client.force_login(officer)
    page = client.get(reverse("reviews:ranking", args=[call.code]))
    assert page.status_code == 200
    assert menu(page) == [("Test committee sheet", document_url("test-sheet", "pdf", "SLC-2568"))]


def test_the_register_shows_its_export_with_the_current_filters(client, catalogue, call, officer):
    client.force_login(officer)
    page = client.get(reverse("proposals:register") + "?call=SLC-2568&state=submitted")
    assert page.status_code == 200
    assert menu(page) == [
        (
            "Test register",
            document_url("register", "xlsx", "TEST-CALLS", "?call=SLC-2568&state=submitted"),
        )
    ]


def test_the_programme_page_shows_the_programmes_documents(client, catalogue, call, manager):
    client.force_login(manager)
    page = client.get(reverse("indicators:programme_detail", args=[call.programme.code]))
    assert page.status_code == 200
    assert [label for label, _href in menu(page)] == [
        "Broken report",
        "Broken small document",
        "Test KPI report",
        "Slow report",
    ]


def test_the_programme_page_shows_no_menu_to_a_visitor(client, catalogue, call):
    page = client.get(reverse("indicators:programme_detail", args=[call.programme.code]))
    assert menu(page) == []


def test_my_documents_is_in_the_users_menu(client, researcher):
    client.force_login(researcher)
    page = client.get(reverse("reports:jobs"))
    assert f'<a class="dropdown-item" href="{reverse("reports:jobs")}">' in page.content.decode()
