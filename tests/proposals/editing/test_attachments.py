"""Attachments: one file per kind the call asks for, checked by content and size, stored
under a random name, replaced or removed in one save, and downloaded only through a view that
checks who may see the proposal."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import AuditEntry
from proposals.models import ProposalAttachment
from tests.proposals.editing import files
from tests.proposals.editing.posting import said

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def url(proposal):
    return reverse("proposals:edit_attachments", args=[proposal.pk])


def upload(client, proposal, user=None, **fields):
    client.force_login(user or proposal.lead)
    return client.post(url(proposal), fields)


def stored_files(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.mark.parametrize(
    "make", [files.pdf, files.docx, files.xlsx, files.png, files.jpeg, files.zip_archive]
)
def test_each_allowed_type_is_accepted(client, proposal, kinds, make):
    response = upload(client, proposal, **{f"file_{kinds[0].pk}": make()})
    assert response.status_code == 302, response.context["form"].errors
    assert ProposalAttachment.objects.get(proposal=proposal, kind=kinds[0])


def test_an_upload_keeps_its_name_size_and_uploader_but_is_stored_at_random(
    client, proposal, kinds, member
):
    response = upload(client, proposal, member, **{f"file_{kinds[0].pk}": files.pdf()})
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert attachment.original_name == "หนังสือ.pdf"
    assert attachment.size == files.pdf().size
    assert attachment.uploaded_by == member
    assert "หนังสือ" not in attachment.file.name
    assert attachment.file.name.startswith(f"proposals/{proposal.pk}/")
    assert attachment.file.name.endswith(".pdf")
    entry = AuditEntry.objects.get(action="proposal.attachments_changed")
    assert entry.data["uploaded"] == [{"kind": str(kinds[0]), "file": "หนังสือ.pdf"}]


def refused(client, proposal, kinds, media, upload_file, message):
    response = upload(
        client,
        proposal,
        **{f"file_{kinds[0].pk}": upload_file, f"file_{kinds[1].pk}": files.png()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"file_{kinds[0].pk}"] == [message]
    assert not ProposalAttachment.objects.exists()
    assert stored_files(media) == []
    assert not AuditEntry.objects.filter(action="proposal.attachments_changed").exists()


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(client, proposal, kinds, media):
    fake = files.png(name="letter.pdf")
    refused(
        client,
        proposal,
        kinds,
        media,
        fake,
        said(
            "The content of “%(name)s” is not a %(kind)s file, whatever its name says.",
            name="letter.pdf",
            kind="PDF",
        ),
    )


def test_a_zip_renamed_to_docx_is_refused(client, proposal, kinds, media):
    refused(
        client,
        proposal,
        kinds,
        media,
        files.zip_archive(name="letter.docx"),
        said(
            "The content of “%(name)s” is not a %(kind)s file, whatever its name says.",
            name="letter.docx",
            kind="Word",
        ),
    )


def test_a_type_not_accepted_is_refused(client, proposal, kinds, media):
    refused(
        client,
        proposal,
        kinds,
        media,
        files.sized("setup.exe", 100),
        said(
            "“%(name)s” is not a file type the proposal accepts: %(allowed)s.",
            name="setup.exe",
            allowed=said("PDF, Word, Excel, images (PNG, JPEG) or ZIP"),
        ),
    )


def test_an_empty_file_is_refused(client, proposal, kinds, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    empty = SimpleUploadedFile("empty.pdf", b"")
    response = upload(client, proposal, **{f"file_{kinds[0].pk}": empty})
    assert response.status_code == 200
    # Django's own check of an empty upload speaks first.
    assert response.context["form"].errors[f"file_{kinds[0].pk}"]
    assert not ProposalAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, proposal, kinds, media, settings):
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 1024
    refused(
        client,
        proposal,
        kinds,
        media,
        files.sized("big.pdf", 2048),
        said(
            "This file is %(size)s; an attachment may be at most %(limit)s.",
            size="2.0\xa0KB",
            limit="1.0\xa0KB",
        ),
    )


def test_the_default_limit_is_20_mb():
    from proposals.editing.files import max_bytes

    assert max_bytes() == 20 * 1024 * 1024


def test_a_new_upload_replaces_the_old_file(
    client, proposal, kinds, media, django_capture_on_commit_callbacks
):
    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf("first.pdf")})
    old_name = ProposalAttachment.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf("second.pdf")})
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert attachment.original_name == "second.pdf"
    assert not default_storage.exists(old_name)
    assert default_storage.exists(attachment.file.name)
    entry = AuditEntry.objects.filter(action="proposal.attachments_changed").latest("id")
    assert entry.data["replaced"] == [{"kind": str(kinds[0]), "file": "second.pdf"}]


def test_removing_a_file(client, proposal, kinds, media, django_capture_on_commit_callbacks):
    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf()})
    name = ProposalAttachment.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, proposal, **{f"remove_{kinds[0].pk}": "on"})
    assert response.status_code == 302
    assert not ProposalAttachment.objects.exists()
    assert not default_storage.exists(name)
    entry = AuditEntry.objects.filter(action="proposal.attachments_changed").latest("id")
    assert entry.data["removed"] == [{"kind": str(kinds[0]), "file": "หนังสือ.pdf"}]


def test_the_page_lists_the_required_kinds_still_missing(client, proposal, kinds):
    client.force_login(proposal.lead)
    assert client.get(url(proposal)).context["missing"] == [kinds[0]]
    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf()})
    assert client.get(url(proposal)).context["missing"] == []


def test_the_page_links_to_the_download_view_never_to_media(client, proposal, kinds, settings):
    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf()})
    attachment = ProposalAttachment.objects.get()
    text = client.get(url(proposal)).content.decode()
    assert reverse("proposals:attachment_download", args=[proposal.pk, attachment.pk]) in text
    assert settings.MEDIA_URL not in text
    assert attachment.file.name not in text


def test_the_download_is_an_attachment_with_the_original_name(client, proposal, kinds):
    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf()})
    attachment = ProposalAttachment.objects.get()
    response = client.get(
        reverse("proposals:attachment_download", args=[proposal.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E0%B8%AB" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_attachment_of_another_proposal_is_not_found(client, proposal, kinds):
    from tests.factories import ProposalFactory

    upload(client, proposal, **{f"file_{kinds[0].pk}": files.pdf()})
    attachment = ProposalAttachment.objects.get()
    other = ProposalFactory(lead=proposal.lead)
    response = client.get(reverse("proposals:attachment_download", args=[other.pk, attachment.pk]))
    assert response.status_code == 404
