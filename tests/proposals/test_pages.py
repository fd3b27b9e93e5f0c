"""What the call pages say, and the edit page's all-or-nothing save."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from proposals.models import Call
from tests.factories import CallFactory
from tests.proposals.formdata import edit_data

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
DAY = datetime.timedelta(days=1)


def page(client, url, language="th"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def dated_call():
    return CallFactory(
        parts=True,
        opens_at=datetime.datetime(2026, 1, 15, 9, 0, tzinfo=BANGKOK),
        closes_at=datetime.datetime(2026, 3, 31, 16, 30, tzinfo=BANGKOK),
        total_budget=Decimal("15000000"),
        ceiling_per_proposal=Decimal("1500000"),
    )


def test_the_detail_page_shows_buddhist_era_dates_in_thai(client, dated_call):
    body = page(client, dated_call.get_absolute_url(), "th")
    assert "31 มีนาคม 2569 เวลา 16:30 น." in body
    assert "15 มกราคม 2569 เวลา 09:00 น." in body
    assert "2026" not in body


def test_the_detail_page_shows_common_era_dates_in_english(client, dated_call):
    body = page(client, dated_call.get_absolute_url(), "en")
    assert "31 March 2026, 16:30" in body
    assert "March 2569" not in body and "January 2569" not in body


def test_the_detail_page_shows_money_rules_and_criteria(client, dated_call):
    body = page(client, dated_call.get_absolute_url(), "en")
    assert "15,000,000.00 baht" in body
    assert "1,500,000.00 baht" in body
    assert "6–12 months" in body
    assert "Institutional fee" in body and "10%" in body and "30%" in body
    assert "Fit" in body and "1–5" in body


def test_a_closed_call_says_so(client, dated_call):
    body = page(client, dated_call.get_absolute_url(), "en")
    assert "This call closed on 31 March 2026, 16:30 and no longer takes proposals." in body


def test_an_upcoming_call_says_when_it_opens(client):
    opens = datetime.datetime(2099, 5, 1, 9, 0, tzinfo=BANGKOK)
    call = CallFactory(opens_at=opens, closes_at=opens + 30 * DAY)
    body = page(client, call.get_absolute_url(), "en")
    assert "This call opens on 1 May 2099, 09:00;" in body


def test_officers_see_a_draft_with_a_banner(client, officer):
    call = CallFactory(is_published=False)
    client.force_login(officer)
    assert "Not published." in page(client, call.get_absolute_url(), "en")


def test_the_list_puts_open_calls_first_and_hides_drafts(client):
    now = timezone.now()
    closed = CallFactory(title_en="Closed one", opens_at=now - 60 * DAY, closes_at=now - DAY)
    upcoming = CallFactory(title_en="Upcoming one", opens_at=now + DAY, closes_at=now + 60 * DAY)
    open_ = CallFactory(title_en="Open one")
    CallFactory(title_en="Draft one", is_published=False)
    body = page(client, reverse("proposals:call_list"), "en")
    assert "Draft one" not in body
    positions = [body.index(call.title_en) for call in (open_, upcoming, closed)]
    assert positions == sorted(positions)
    assert "Closed on" in body


def test_home_lists_only_open_calls(client):
    now = timezone.now()
    CallFactory(title_en="Open one", total_budget=Decimal("2500000"))
    CallFactory(title_en="Closed one", opens_at=now - 60 * DAY, closes_at=now - DAY)
    CallFactory(title_en="Draft one", is_published=False)
    body = page(client, reverse("home"), "en")
    assert "Open one" in body and "2,500,000.00" in body
    assert "Closed one" not in body and "Draft one" not in body


def test_the_officer_dashboard_links_to_the_calls(client, officer):
    client.force_login(officer)
    body = page(client, reverse("dashboard_for_role", args=["funding_officer"]))
    assert reverse("proposals:manage_calls") in body


def test_creating_a_call_leads_to_its_edit_page(client, officer):
    call = CallFactory.build()
    client.force_login(officer)
    response = client.post(
        reverse("proposals:call_create"),
        {
            "programme": call.programme.pk,
            "fiscal_year": call.fiscal_year.pk,
            "code": "SLC-2570",
            "title_th": "ประกาศใหม่",
            "title_en": "New call",
            "opens_at": "2026-12-01T09:00",
            "closes_at": "2027-01-31T16:30",
            "total_budget": "1000000",
            "ceiling_per_proposal": "100000",
            "min_duration_months": "6",
            "max_duration_months": "12",
            "eligible_municipality_types": ["town"],
            "reviewers_per_proposal": "3",
            "disagreement_threshold": "15",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("proposals:call_edit", args=["SLC-2570"])
    created = Call.objects.get(code="SLC-2570")
    assert created.opens_at == datetime.datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)
    assert created.eligible_municipality_types == ["town"]
    assert created.budget_categories.count() == 6
    assert not created.is_published
    # the two boxes show the call's Thai time in the Buddhist era (core.forms.DateTimeInput)
    edit_page = page(client, response.url)
    assert 'value="01/12/2569 09:00"' in edit_page
    assert 'value="31/01/2570 16:30"' in edit_page


def test_the_edit_page_saves_the_call_and_its_parts_together(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update(
        {
            "title_en": "Renamed",
            "criteria-0-weight": "70",
            "criteria-1-weight": "30",
            "required_attachments-0-name_th": "หนังสือแสดงเจตจำนง",
            "required_attachments-0-name_en": "Letter of intent",
            "required_attachments-0-is_required": "on",
        }
    )
    client.force_login(officer)
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    call.refresh_from_db()
    assert call.title_en == "Renamed"
    assert sorted(call.criteria.values_list("weight", flat=True)) == [30, 70]
    assert call.required_attachments.get().name_en == "Letter of intent"
    [entry] = audit.history(call).filter(action="call.changed")
    assert entry.data == {"fields": ["title_en"], "parts": ["criteria", "required_attachments"]}


def test_a_failed_edit_saves_nothing_and_shows_the_errors(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update({"title_en": "Renamed", "criteria-0-weight": "10", "instalments-0-percent": "10"})
    client.force_login(officer)
    response = client.post(
        reverse("proposals:call_edit", args=[call.code]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert "The weights of the review criteria add up to 50" in body
    assert "The instalments add up to 70%" in body
    call.refresh_from_db()
    assert call.title_en != "Renamed"
    assert sorted(call.criteria.values_list("weight", flat=True)) == [40, 60]
    assert not audit.history(call).filter(action="call.changed").exists()


def test_an_edit_that_fails_while_saving_leaves_nothing_behind(client, officer, monkeypatch):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update({"title_en": "Renamed", "criteria-0-weight": "70", "criteria-1-weight": "30"})

    def broken_audit(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr(audit, "record", broken_audit)
    client.force_login(officer)
    client.raise_request_exception = False
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 500
    call.refresh_from_db()
    assert call.title_en != "Renamed"
    assert sorted(call.criteria.values_list("weight", flat=True)) == [40, 60]


def test_publishing_an_incomplete_call_shows_the_problems(client, officer):
    call = CallFactory(parts=True, is_published=False)
    call.criteria.filter(position=1).delete()
    client.force_login(officer)
    response = client.post(
        reverse("proposals:call_publish", args=[call.code]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert "The call was not published" in body
    assert (
        "The weights of the review criteria add up to 60; they must add up to exactly 100." in body
    )
    call.refresh_from_db()
    assert not call.is_published


def test_publishing_returns_to_the_page_it_came_from(client, officer):
    call = CallFactory(parts=True, is_published=False)
    client.force_login(officer)
    url = reverse("proposals:call_publish", args=[call.code])
    manage = reverse("proposals:manage_calls")
    assert client.post(url, {"next": manage}).url == manage
    call.refresh_from_db()
    assert call.is_published
    assert client.post(url, {"next": "https://evil.example/"}).url == reverse(
        "proposals:call_edit", args=[call.code]
    )


def test_the_edit_page_takes_a_document_and_the_public_downloads_it(
    client, officer, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    call = CallFactory(parts=True)
    data = edit_data(call)
    data.update(
        {
            "documents-0-title_th": "ประกาศทุน",
            "documents-0-title_en": "Call text",
            "documents-0-file": SimpleUploadedFile("call.pdf", b"%PDF-1.4 test"),
        }
    )
    client.force_login(officer)
    assert client.post(reverse("proposals:call_edit", args=[call.code]), data).status_code == 302
    document = call.documents.get()
    assert document.filename == "call.pdf"
    client.logout()
    body = page(client, call.get_absolute_url(), "en")
    url = reverse("proposals:call_document", args=[call.code, document.pk])
    assert url in body
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_a_document_of_the_wrong_kind_is_refused(client, officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    call = CallFactory(parts=True)
    data = edit_data(call)
    data.update(
        {
            "documents-0-title_th": "สคริปต์",
            "documents-0-title_en": "Script",
            "documents-0-file": SimpleUploadedFile("run.exe", b"MZ"),
        }
    )
    client.force_login(officer)
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 200
    assert not call.documents.exists()


def test_a_refused_edit_still_shows_the_call_as_saved(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update({"code": "manage", "closes_at": "2020-01-01T09:00"})
    client.force_login(officer)
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 200
    shown = response.context["call"]
    assert (shown.code, shown.closes_at) == (call.code, call.closes_at)
    assert reverse("proposals:call_publish", args=[call.code]) in response.content.decode()
