"""Small files of each accepted type, built in memory, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def pdf(name="หนังสือ.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "application/pdf")


def png(name="map.png"):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "image/png")


def jpeg(name="photo.jpg"):
    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0" + b"\0" * 32, "image/jpeg")


def docx(name="letter.docx"):
    content = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    return SimpleUploadedFile(name, content)


def xlsx(name="budget.xlsx"):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def zip_archive(name="photos.zip"):
    return SimpleUploadedFile(name, _zip({"readme.txt": "hello"}))


def sized(name, size):
    return SimpleUploadedFile(name, b"%PDF-" + b"0" * (size - 5))
