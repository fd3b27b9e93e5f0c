"""The catalogue of documents the system writes: every PDF and Excel file, by kind.

Pages, report jobs and the `report` command all go through this one table, so a document is
built the same way wherever it is asked for, and `may(user, subject)` decides who may have it.

A document names the kind of subject it is about (`scope`): a proposal (by reference), a call
(by code), a programme (by code), a progress report or a change request (by id).
`build(subject, *, user, options, progress)` returns an `Output`; `progress(percent)` may be
called while it works (a report job shows it). `user` is None on the command line, where
everything may be written.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from core.hooks import Hook

PDF = "pdf"
XLSX = "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

PROPOSAL = "proposal"
CALL = "call"
PROGRAMME = "programme"
PROGRESS_REPORT = "progress_report"
CHANGE_REQUEST = "change_request"
SCOPES = (PROPOSAL, CALL, PROGRAMME, PROGRESS_REPORT, CHANGE_REQUEST)


class DocumentUnavailable(ValueError):
    """The subject has no such document (yet), e.g. a decision letter before any decision.
    The message is translated and says why."""


@dataclass(frozen=True)
class Output:
    filename: str
    content: bytes
    format: str

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Document:
    kind: str  # e.g. "proposal", "register"; the command line's KIND
    label: str  # lazy translation, e.g. _("Full proposal")
    format: str  # PDF or XLSX
    scope: str  # one of SCOPES
    may: Callable  # (user, subject) -> bool
    build: Callable  # (subject, *, user, options, progress) -> Output
    background: bool = False  # runs as a report job instead of answering at once
    options: tuple = field(default_factory=tuple)  # names of the options build() reads


DOCUMENTS = Hook(
    "reports.documents",
    "The catalogue of documents, one per (kind, format): a Document.",
    single=True,
)


def register(document):
    """Add `document` to the catalogue; a kind has one document per format."""
    key = (document.kind, document.format)
    current = DOCUMENTS.one(key)
    if current is not None and current != document:
        raise ValueError(f"document {document.kind}.{document.format} is registered twice")
    if document.scope not in SCOPES:
        raise ValueError(f"unknown scope {document.scope!r}")
    return DOCUMENTS.register(document, key=key)


def get(kind, format):
    """The document of `kind` in `format`, or None."""
    return DOCUMENTS.one((kind, format))


def all_documents():
    documents = [entries[0] for _key, entries in DOCUMENTS.items()]
    return sorted(documents, key=lambda document: (document.kind, document.format))


def no_progress(percent):
    """The `progress` of a document built at once."""
