"""Attachments as the reviewer downloads them: author fields removed on a blind call."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from proposals.models import ProposalAttachment, RequiredAttachment
from reviews.reviewing import blind
from tests.helpers import assert_access
from tests.reviews.reviewing.conftest import assign, proposal_in_review

pytestmark = pytest.mark.django_db

AUTHOR = "Somchai Secretive"
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f"<dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def pdf_with_author():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata(
        {"/Author": AUTHOR, "/Creator": "Word for Somchai", "/Producer": "Somchai PDF"}
    )
    xmp = StreamObject()
    xmp._data = XMP.encode()
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>แผนงาน</dc:title>"
    f"<dc:creator>{AUTHOR}</dc:creator>"
    "<cp:lastModifiedBy>ณัฐญา ซ่อนนาม</cp:lastModifiedBy>"
    "</cp:coreProperties>"
)
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    'properties"><Application>Microsoft Office Word</Application>'
    "<Manager>หัวหน้า ลับ</Manager><Company>มหาวิทยาลัยลับเฉพาะ</Company></Properties>"
)
DOCUMENT = "<w:document><w:body>เนื้อหา</w:body></w:document>"


def docx_with_author():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", DOCUMENT)
        archive.writestr("docProps/core.xml", CORE)
        archive.writestr("docProps/app.xml", APP)
    return out.getvalue()


def attach(proposal, name, content):
    kind = RequiredAttachment.objects.create(
        call=proposal.call, position=5, name_th="แผนงานละเอียด", name_en="Detailed plan"
    )
    return ProposalAttachment.objects.create(
        proposal=proposal,
        kind=kind,
        file=SimpleUploadedFile(name, content),
        original_name=name,
        size=len(content),
    )


def url(assignment, attachment):
    return reverse("reviews:review_attachment", args=[assignment.pk, attachment.pk])


def download(client, reviewer, *, blind_call, name, content):
    proposal = proposal_in_review(blind=blind_call)
    assignment = assign(proposal, reviewer, cleared=True)
    attachment = attach(proposal, name, content)
    client.force_login(reviewer)
    response = client.get(url(assignment, attachment))
    assert response.status_code == 200
    return proposal, response, b"".join(response.streaming_content)


def test_only_the_cleared_reviewer_downloads(client, everyone, proposal, reviewer):
    assignment = assign(proposal, reviewer, cleared=True)
    expected = {
        "researcher": 404,
        "funding_officer": 404,
        "reviewer": 200,
        "programme_manager": 404,
        "administrator": 404,
        "mentor": 404,
        "finance": 404,
        "outsider": 404,
        "other reviewer": 404,
        "anonymous": 302,
    }
    assert_access(client, everyone, url(assignment, proposal.attachments.get()), expected)


def test_an_attachment_of_another_proposal_is_not_found(client, reviewer, proposal):
    assignment = assign(proposal, reviewer, cleared=True)
    elsewhere = proposal_in_review().attachments.get()
    client.force_login(reviewer)
    assert client.get(url(assignment, elsewhere)).status_code == 404


def test_a_blind_pdf_has_no_author_creator_producer_or_xmp(client, reviewer):
    assert AUTHOR.encode() in pdf_with_author()
    proposal, response, data = download(
        client, reviewer, blind_call=True, name="ร่าง-สมชาย.pdf", content=pdf_with_author()
    )
    reader = PdfReader(io.BytesIO(data))
    metadata = reader.metadata or {}
    for key in ("/Author", "/Creator", "/Producer"):
        assert key not in metadata
    assert "/Metadata" not in reader.trailer["/Root"]
    assert AUTHOR.encode() not in data and b"Somchai" not in data
    assert len(reader.pages) == 1
    disposition = response["Content-Disposition"]
    assert f"{proposal.reference}-detailed-plan.pdf" in disposition
    assert "%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2" not in disposition  # สมชาย


def test_a_blind_docx_has_no_creator_modifier_company_or_manager(client, reviewer):
    proposal, response, data = download(
        client, reviewer, blind_call=True, name="plan.docx", content=docx_with_author()
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
        assert archive.read("word/document.xml").decode() == DOCUMENT
    assert "<dc:creator></dc:creator>" in core
    assert "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
    assert "<dc:title>แผนงาน</dc:title>" in core
    assert "<Company></Company>" in app and "<Manager></Manager>" in app
    for identity in (AUTHOR, "ณัฐญา", "มหาวิทยาลัยลับเฉพาะ", "หัวหน้า ลับ"):
        assert identity not in core + app
    assert f"{proposal.reference}-detailed-plan.docx" in response["Content-Disposition"]


def test_other_types_of_a_blind_call_come_as_they_are_under_a_neutral_name(client, reviewer):
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 32
    proposal, response, data = download(
        client, reviewer, blind_call=True, name="สมชาย.png", content=png
    )
    assert data == png
    assert f"{proposal.reference}-detailed-plan.png" in response["Content-Disposition"]


def test_an_open_call_gives_the_original_file(client, reviewer):
    original = pdf_with_author()
    _proposal, response, data = download(
        client, reviewer, blind_call=False, name="draft.pdf", content=original
    )
    assert data == original
    assert 'filename="draft.pdf"' in response["Content-Disposition"]


def test_a_pdf_that_cannot_be_read_is_not_served_on_a_blind_call(client, reviewer):
    proposal = proposal_in_review(blind=True)
    assignment = assign(proposal, reviewer, cleared=True)
    attachment = attach(proposal, "broken.pdf", b"%PDF-1.4 not really")
    client.force_login(reviewer)
    response = client.get(url(assignment, attachment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("reviews:review_proposal", args=[assignment.pk]))


def test_stripping_keeps_an_office_file_without_properties_as_it_was():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    stripped = blind.strip_office(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(stripped)) as archive:
        assert archive.read("xl/workbook.xml") == b"<workbook/>"
