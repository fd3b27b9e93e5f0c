"""The general part and the narrative sections save as the team types (htmx), by a closing
tab's beacon, or by a plain form post; a save made against an older version is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from proposals.models import Proposal, Section
from tests.proposals.writing.test_permissions import general_data

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def general_url(proposal):
    return reverse("proposals:edit_general", args=[proposal.pk])


def section_url(proposal, key="problem"):
    return reverse("proposals:save_section", args=[proposal.pk, key])


def section_data(version, text, key="problem"):
    return {f"section-{key}-version": version, f"section-{key}-text": text}


def month(offset):
    """The first day of the month `offset` months from this one."""
    today = timezone.localdate()
    index = today.month - 1 + offset
    return datetime.date(today.year + index // 12, index % 12 + 1, 1)


def test_autosave_saves_the_general_part_and_bumps_its_version(client, proposal, lead):
    client.force_login(lead)
    start = month(2)
    data = general_data(
        proposal,
        title_th="ระบบฐานข้อมูลเมือง",
        title_en="City database",
        duration_months="12",
        start_month=f"{start:%Y-%m}",
        keywords=" GIS ,ผังเมือง,, ",
        summary_th="บรรทัดหนึ่ง\r\nบรรทัดสอง",
    )
    response = client.post(general_url(proposal), data, **HTMX)
    assert response.status_code == 200
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.version == 2
    assert proposal.title_th == "ระบบฐานข้อมูลเมือง"
    assert proposal.duration_months == 12
    assert proposal.start_month == start
    assert proposal.keywords == "GIS, ผังเมือง"
    assert proposal.summary_th == "บรรทัดหนึ่ง\nบรรทัดสอง"
    body = response.content.decode()
    assert 'value="2"' in body and 'id="general-version"' in body  # the next save carries 2
    assert "บันทึกเมื่อ" in body or "Saved at" in body


def test_autosave_saves_a_section_and_bumps_its_version(client, proposal, member):
    client.force_login(member)
    response = client.post(section_url(proposal), section_data(1, "ปัญหาของเมือง"), **HTMX)
    assert response.status_code == 200
    section = Section.objects.get(proposal=proposal, key="problem")
    assert (section.text, section.version, section.updated_by) == ("ปัญหาของเมือง", 2, member)
    assert 'id="section-problem-version"' in response.content.decode()


def test_a_stale_general_save_is_refused_and_the_stored_text_kept(client, proposal, lead, member):
    client.force_login(member)
    client.post(general_url(proposal), general_data(proposal, title_th="ของสมาชิก"), **HTMX)
    client.force_login(lead)
    response = client.post(
        general_url(proposal), general_data(proposal, title_th="ของหัวหน้า"), **HTMX
    )
    assert response.status_code == 409
    assert 'data-refused="conflict"' in response.content.decode()
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.title_th, proposal.version) == ("ของสมาชิก", 2)


def test_a_stale_section_save_is_refused_and_the_stored_text_kept(client, proposal, lead, member):
    client.force_login(member)
    assert (
        client.post(section_url(proposal), section_data(1, "ข้อความแรก"), **HTMX).status_code == 200
    )
    client.force_login(lead)
    response = client.post(section_url(proposal), section_data(1, "ข้อความที่สอง"), **HTMX)
    assert response.status_code == 409
    section = Section.objects.get(proposal=proposal, key="problem")
    assert (section.text, section.version) == ("ข้อความแรก", 2)


def test_sections_have_their_own_versions(client, proposal, lead, member):
    client.force_login(member)
    client.post(section_url(proposal, "method"), section_data(1, "วิธี", "method"), **HTMX)
    client.force_login(lead)
    response = client.post(
        section_url(proposal, "risks"), section_data(1, "ความเสี่ยง", "risks"), **HTMX
    )
    assert response.status_code == 200


def test_the_same_text_sent_again_at_an_old_version_is_not_a_conflict(client, proposal, lead):
    """The beacon of a closing tab may repeat a save htmx already made."""
    client.force_login(lead)
    client.post(section_url(proposal), section_data(1, "ข้อความ"), **HTMX)
    response = client.post(section_url(proposal), section_data(1, "ข้อความ"), **HTMX)
    assert response.status_code == 200
    assert 'value="2"' in response.content.decode()
    assert Section.objects.get(proposal=proposal, key="problem").version == 2


def test_a_beacon_post_without_htmx_saves_too(client, proposal, lead):
    client.force_login(lead)
    data = {**section_data(1, "ส่งตอนปิดแท็บ"), "beacon": "1"}
    response = client.post(section_url(proposal), data)
    assert response.status_code == 204
    assert Section.objects.get(proposal=proposal, key="problem").text == "ส่งตอนปิดแท็บ"
    data = {**general_data(proposal, title_en="Sent on close"), "beacon": "1"}
    assert client.post(general_url(proposal), data).status_code == 204
    assert Proposal.objects.get(pk=proposal.pk).title_en == "Sent on close"


def test_a_plain_form_post_saves_and_returns_to_the_page(client, proposal, lead):
    client.force_login(lead)
    response = client.post(section_url(proposal), section_data(1, "ไม่มีจาวาสคริปต์"))
    assert response.status_code == 302
    assert response.url.endswith("/sections/#section-problem")
    assert Section.objects.get(proposal=proposal, key="problem").text == "ไม่มีจาวาสคริปต์"


def test_a_stale_plain_post_shows_the_page_again_with_the_writers_text(client, proposal, lead):
    Section.objects.filter(proposal=proposal, key="problem").update(text="ของคนอื่น", version=3)
    client.force_login(lead)
    response = client.post(section_url(proposal), section_data(1, "ข้อความของฉัน"))
    assert response.status_code == 409
    assert "ข้อความของฉัน" in response.content.decode()
    assert Section.objects.get(proposal=proposal, key="problem").text == "ของคนอื่น"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_months", "0"),
        ("duration_months", "99"),
        ("duration_months", "5"),  # the call takes 6–12 months
        ("start_month", "not-a-month"),
    ],
)
def test_impossible_values_are_refused_in_the_partial(client, proposal, lead, field, value):
    client.force_login(lead)
    title = proposal.title_th
    data = general_data(proposal, title_th="ชื่อที่พิมพ์ไว้", **{field: value})
    response = client.post(general_url(proposal), data, **HTMX)
    assert response.status_code == 422
    body = response.content.decode()
    assert f'id="id_general-{field}-errors"' in body
    assert 'hx-swap-oob="true"' in body
    assert 'name="general-title_th"' not in body  # the fields the writer types in stay as they are
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.version, proposal.title_th) == (1, title)


def test_a_start_month_more_than_a_year_past_is_refused(client, proposal, lead):
    client.force_login(lead)
    data = general_data(proposal, start_month=f"{month(-13):%Y-%m}")
    response = client.post(general_url(proposal), data, **HTMX)
    assert response.status_code == 422
    assert Proposal.objects.get(pk=proposal.pk).start_month is None


def test_a_start_month_in_the_buddhist_era_is_understood(client, proposal, lead):
    client.force_login(lead)
    start = month(3)
    data = general_data(proposal, start_month=f"{start.year + 543}-{start.month:02}")
    assert client.post(general_url(proposal), data, **HTMX).status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).start_month == start


def test_a_draft_may_be_saved_with_blanks(client, proposal, lead):
    client.force_login(lead)
    data = general_data(proposal, title_th="", title_en="")
    assert client.post(general_url(proposal), data, **HTMX).status_code == 200
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.title_th, proposal.title_en, proposal.version) == ("", "", 2)


def test_a_plain_post_with_bad_values_keeps_what_was_typed(client, proposal, lead):
    client.force_login(lead)
    data = general_data(proposal, title_th="ชื่อที่พิมพ์ไว้", duration_months="99")
    response = client.post(general_url(proposal), data)
    assert response.status_code == 422
    assert "ชื่อที่พิมพ์ไว้" in response.content.decode()


def test_editing_is_refused_once_submitted(client, proposal, lead):
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    client.force_login(lead)
    response = client.post(general_url(proposal), general_data(proposal, title_th="ใหม่"), **HTMX)
    assert response.status_code == 409
    response = client.post(section_url(proposal), section_data(1, "ใหม่"), **HTMX)
    assert response.status_code == 409
    assert Section.objects.get(proposal=proposal, key="problem").text == ""
    assert Proposal.objects.get(pk=proposal.pk).title_th != "ใหม่"
    response = client.get(general_url(proposal))
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    response = client.post(section_url(proposal), section_data(1, "ใหม่"))  # no JavaScript
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    data = {**section_data(1, "ใหม่"), "beacon": "1"}
    assert client.post(section_url(proposal), data).status_code == 409
    assert Section.objects.get(proposal=proposal, key="problem").text == ""


def test_a_revision_may_be_edited(client, proposal, lead):
    Proposal.objects.filter(pk=proposal.pk).update(state="revision")
    client.force_login(lead)
    assert client.post(section_url(proposal), section_data(1, "แก้"), **HTMX).status_code == 200


def test_an_unknown_section_is_not_found(client, proposal, lead):
    client.force_login(lead)
    response = client.post(section_url(proposal, "poetry"), section_data(1, "x", "poetry"))
    assert response.status_code == 404


def test_a_session_of_saves_writes_one_audit_entry(client, proposal, lead):
    client.force_login(lead)
    client.post(section_url(proposal), section_data(1, "ก"), **HTMX)
    client.post(section_url(proposal), section_data(2, "กข"), **HTMX)
    client.post(section_url(proposal, "risks"), section_data(1, "ค", "risks"), **HTMX)
    entries = AuditEntry.objects.filter(action="proposal.section_saved", object_id=str(proposal.pk))
    assert sorted((e.data["section"], e.data["saves"]) for e in entries) == [
        ("problem", 2),
        ("risks", 1),
    ]


def test_the_pages_load_the_autosave_script(client, proposal, lead):
    client.force_login(lead)
    for url in (general_url(proposal), reverse("proposals:edit_sections", args=[proposal.pk])):
        body = client.get(url).content.decode()
        assert "js/autosave.js" in body
        assert 'hx-trigger="input changed delay:1500ms, change, submit"' in body
        assert "csrfmiddlewaretoken" in body
    assert "js/autosave.js" not in client.get(proposal.get_absolute_url()).content.decode()


def test_the_start_month_is_typed_as_month_and_buddhist_year(client, proposal, lead):
    client.force_login(lead)
    start = month(3)
    data = general_data(proposal, start_month=f"{start.month:02}/{start.year + 543}")
    assert client.post(general_url(proposal), data, **HTMX).status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).start_month == start
    page = client.get(reverse("proposals:edit_general", args=[proposal.pk])).content.decode()
    assert f'value="{start.month:02}/{start.year + 543}"' in page
