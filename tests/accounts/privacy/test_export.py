"""A copy of a person's data: asked for by the person or by an administrator for them, built in
the background as a ZIP of JSON and the person's files, downloaded only by the person or the
administrator who asked, every step audited."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.privacy.exports import PERSONAL_DATA, Section
from accounts.privacy.models import ConsentContext, DataExport, ExportState
from accounts.privacy.services import publish_notice, record_consent, request_export
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def archive_of(response):
    content = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(content))


def export_for(actor, subject, capture, reason=""):
    with capture(execute=True):
        return request_export(actor=actor, subject=subject, reason=reason)


def test_every_signed_in_person_opens_their_data_page(client, personas):
    expected = {**dict.fromkeys(personas, 200), "anonymous": 302}
    assert_access(client, personas, reverse("privacy:my_data"), expected)


def test_only_administrators_answer_requests_for_someone_else(client, personas):
    expected = {**dict.fromkeys(personas, 403), "administrator": 200, "anonymous": 302}
    assert_access(client, personas, reverse("privacy:exports"), expected)


def test_a_person_gets_a_zip_of_their_data_and_every_step_is_audited(
    client, researcher, administrator, django_capture_on_commit_callbacks
):
    notice = publish_notice(actor=administrator, text_th="ประกาศ", text_en="Notice")
    record_consent(user=researcher, notice=notice, context=ConsentContext.SIGN_UP)
    client.force_login(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:my_data"))
    assert response.status_code == 302
    export = DataExport.objects.get(subject=researcher)
    assert export.state == ExportState.DONE and export.size > 0
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:download_export", args=[export.pk]) in page

    download = client.post(reverse("privacy:download_export", args=[export.pk]))
    assert download.status_code == 200
    archive = archive_of(download)
    names = set(archive.namelist())
    assert {"index.json", "profile.json", "consents.json", "audit.json", "proposals.json"} <= (
        names
    )
    profile = json.loads(archive.read("profile.json"))[0]
    assert profile["email"] == researcher.email
    assert profile["roles"] == ["researcher"]
    consents = json.loads(archive.read("consents.json"))
    assert [c["notice__version"] for c in consents] == [1]
    actions = set(
        AuditEntry.objects.filter(object_id=str(researcher.pk)).values_list("action", flat=True)
    )
    assert {
        "privacy.export_requested",
        "privacy.export_built",
        "privacy.export_downloaded",
    } <= actions


def test_the_files_of_other_apps_come_with_their_section(
    researcher, administrator, django_capture_on_commit_callbacks, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("evidence/photo.jpg", ContentFile(b"jpeg bytes"))
    stored = default_storage.open(name)
    stored.name = name
    stored.storage = default_storage

    def fake(user):
        return Section(records=[{"who": user.email}], files=[("../../photo.jpg", stored)])

    with PERSONAL_DATA.overridden(fake, key="fake"):
        export = export_for(researcher, researcher, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert archive.read("files/fake/photo.jpg") == b"jpeg bytes"  # cannot climb out
    assert json.loads(archive.read("fake.json")) == [{"who": researcher.email}]


def test_an_administrator_answers_a_request_and_only_they_and_the_person_download(
    client, researcher, administrator, officer, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:exports"),
            {"email": researcher.email.upper(), "reason": "อีเมลขอข้อมูล 3 มี.ค. 2569"},
        )
    assert response.status_code == 302
    export = DataExport.objects.get(subject=researcher)
    assert export.requested_by == administrator
    url = reverse("privacy:download_export", args=[export.pk])
    assert client.post(url).status_code == 200
    for person, status in ((researcher, 200), (officer, 404)):
        client.force_login(person)
        assert client.post(url).status_code == status
    entry = AuditEntry.objects.get(action="privacy.export_requested")
    assert (entry.actor, entry.comment) == (administrator, "อีเมลขอข้อมูล 3 มี.ค. 2569")


def test_an_unknown_email_is_refused_in_thai(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("privacy:exports"), {"email": "nobody@example.org", "reason": "x"}
    )
    assert response.status_code == 200
    assert "ไม่มีบัญชีที่ใช้อีเมลนี้" in response.content.decode()
    assert not DataExport.objects.exists()


def test_no_one_else_asks_for_someone_elses_data(officer, researcher):
    with pytest.raises(PermissionDenied):
        request_export(actor=officer, subject=researcher)


def test_the_download_is_a_post_and_a_made_up_id_is_not_found(client, researcher):
    client.force_login(researcher)
    assert client.get(reverse("privacy:download_export", args=[999])).status_code == 405
    assert client.post(reverse("privacy:download_export", args=[999])).status_code == 404
