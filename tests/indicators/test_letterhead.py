"""A programme's letterhead and signatory: only its managers set them, on a page of its own;
saving is audited; the demo has an example one."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.demo import seed_programme
from indicators.models import Letterhead
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

EVERY_ROLE = [role.value for role in Role]
DATA = {
    "code_th": "บพท.",
    "code_en": "PMU-A",
    "office_th": "หน่วยงานทดสอบ\nกรุงเทพมหานคร",
    "office_en": "Test unit\nBangkok",
    "signatory_name_th": "นายผู้ลงนาม ทดสอบ",
    "signatory_name_en": "Mr Signer",
    "signatory_position_th": "ผู้อำนวยการ",
    "signatory_position_en": "Director",
    "contact_unit_th": "ฝ่ายแผนงาน",
    "contact_unit_en": "Programme unit",
    "contact_phone": "0 2000 0000",
    "contact_email": "unit@example.org",
}


@pytest.fixture
def programme(manager):
    programme = seed_programme(managers=[manager])
    Letterhead.objects.filter(programme=programme).delete()  # the demo's example
    return programme


def url(code="SLC"):
    return reverse("indicators:letterhead", args=[code])


def test_only_the_programmes_managers_open_and_save_it(client, personas, programme):
    expected = {role: 403 for role in EVERY_ROLE} | {"outsider": 403, "anonymous": 302}
    assert_access(client, personas, url(), expected | {"programme_manager": 200})
    assert_access(
        client, personas, url(), expected | {"programme_manager": 302}, method="post", data=DATA
    )
    assert Letterhead.objects.get(programme=programme).signatory_name_th == "นายผู้ลงนาม ทดสอบ"


def test_saving_stores_every_field_and_audits_the_change(client, manager, programme):
    client.force_login(manager)
    client.post(url(), DATA)
    letterhead = Letterhead.objects.get(programme=programme)
    assert letterhead.snapshot() == DATA
    client.post(url(), {**DATA, "signatory_name_th": "นางใหม่ ลงนาม"})
    entries = AuditEntry.objects.filter(action__startswith="letterhead.").order_by("created_at")
    assert [entry.action for entry in entries] == ["letterhead.created", "letterhead.changed"]
    assert entries.last().data == {"signatory_name_th": ["นายผู้ลงนาม ทดสอบ", "นางใหม่ ลงนาม"]}


def test_a_bad_email_is_refused_and_nothing_is_saved(client, manager, programme):
    client.force_login(manager)
    response = client.post(url(), {**DATA, "contact_email": "not an address"})
    assert response.status_code == 200
    assert "contact_email" in response.context["form"].errors
    assert not Letterhead.objects.exists()


def test_an_unknown_programme_is_not_found(client, manager, programme):
    client.force_login(manager)
    assert client.get(url("NOPE")).status_code == 404


def test_the_programme_page_links_to_it_for_its_managers(client, manager, programme):
    client.force_login(manager)
    page = client.get(reverse("indicators:programme_detail", args=["SLC"])).content.decode()
    assert url() in page


def test_the_demo_programme_has_an_example_letterhead(manager):
    programme = seed_programme()
    letterhead = programme.letterhead
    assert letterhead.code_th and letterhead.signatory_position_th
    Letterhead.objects.filter(pk=letterhead.pk).update(code_th="แก้แล้ว")
    seed_programme()  # loading the demo again keeps what its managers changed
    assert Letterhead.objects.get(pk=letterhead.pk).code_th == "แก้แล้ว"
