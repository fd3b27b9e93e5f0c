"""`python manage.py report KIND --format pdf|xlsx --output PATH --proposal REF …`

Writes a document of the catalogue (reports.documents) to a file, built by the same `build`
as the web, for scheduled exports. The command line may write every document (`user` None).
"""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils import translation
from django.utils.translation import gettext as _

from reports import documents, selectors, services

# The option naming each scope's subject, and what it takes.
SCOPE_OPTIONS = {
    documents.PROPOSAL: ("proposal", "REF"),
    documents.CALL: ("call", "CODE"),
    documents.PROGRAMME: ("programme", "CODE"),
    documents.PROGRESS_REPORT: ("report", "ID"),
    documents.CHANGE_REQUEST: ("change", "ID"),
}
LANGUAGES = ("th", "en")


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's order of arguments, and the epilog's table kept as written."""


def _flag(scope):
    name, metavar = SCOPE_OPTIONS[scope]
    return f"--{name} {metavar}"


def catalogue_table():
    """The kinds of the catalogue, their formats, subject and label: the help's epilog."""
    kinds = {}
    for document in documents.all_documents():
        kinds.setdefault(document.kind, []).append(document)
    if not kinds:
        return "No document is registered."
    lines = ["documents (KIND, formats, subject, what it is):"]
    width = max(len(kind) for kind in kinds) + 2
    with translation.override(None):
        for kind, versions in kinds.items():
            formats = "|".join(document.format for document in versions)
            scopes = ", ".join(sorted({_flag(document.scope) for document in versions}))
            label = str(versions[0].label)
            lines.append(f"  {kind:<{width}}{formats:<10}{scopes:<20}{label}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Write a document (PDF or Excel) to a file, the same as the web gives: for scheduled "
        "exports. KIND and the subject it needs are listed below."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("epilog", catalogue_table())
        kwargs.setdefault("formatter_class", HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("kind", metavar="KIND", help="the document, e.g. proposal")
        parser.add_argument(
            "--format",
            choices=sorted(documents.CONTENT_TYPES),
            help="pdf or xlsx (needed only when KIND comes in both)",
        )
        parser.add_argument(
            "--output",
            required=True,
            metavar="PATH",
            help="the file to write (an existing folder: the document's own file name in it)",
        )
        for scope, (name, metavar) in SCOPE_OPTIONS.items():
            parser.add_argument(f"--{name}", metavar=metavar, help=f"the {scope.replace('_', ' ')}")
        parser.add_argument("--language", choices=LANGUAGES, default="th", help="default: th")
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="an option the document reads, e.g. --option state=submitted (repeatable)",
        )

    def handle(self, *args, **options):
        document = self._document(options["kind"], options["format"])
        subject = self._subject(document, options)
        document_options = self._options(document, options["option"])
        with translation.override(options["language"]):
            try:
                output = document.build(
                    subject, user=None, options=document_options, progress=documents.no_progress
                )
            except documents.DocumentUnavailable as error:
                raise CommandError(str(error)) from error
        path = self._write(Path(options["output"]), output)
        self.stdout.write(
            _("Wrote %(path)s (%(size)d bytes).") % {"path": path, "size": len(output.content)}
        )

    def _document(self, kind, format):
        versions = [document for document in documents.all_documents() if document.kind == kind]
        if not versions:
            known = ", ".join(sorted({document.kind for document in documents.all_documents()}))
            raise CommandError(
                _("Unknown document “%(kind)s”. Known: %(known)s.") % {"kind": kind, "known": known}
            )
        formats = ", ".join(document.format for document in versions)
        if format is None:
            if len(versions) > 1:
                raise CommandError(
                    _("“%(kind)s” comes as %(formats)s: choose one with --format.")
                    % {"kind": kind, "formats": formats}
                )
            return versions[0]
        document = documents.get(kind, format)
        if document is None:
            raise CommandError(
                _("“%(kind)s” does not come as %(format)s, only as %(formats)s.")
                % {"kind": kind, "format": format, "formats": formats}
            )
        return document

    def _subject(self, document, options):
        needed, _metavar = SCOPE_OPTIONS[document.scope]
        given = [name for name, _m in SCOPE_OPTIONS.values() if options.get(name)]
        extra = [f"--{name}" for name in given if name != needed]
        if needed not in given:
            raise CommandError(
                _("“%(kind)s” needs %(flag)s.")
                % {"kind": document.kind, "flag": _flag(document.scope)}
            )
        if extra:
            raise CommandError(
                _("“%(kind)s” needs only %(flag)s; leave out %(extra)s.")
                % {"kind": document.kind, "flag": _flag(document.scope), "extra": ", ".join(extra)}
            )
        try:
            return selectors.resolve_subject(document.scope, options[needed])
        except selectors.SubjectNotFound as error:
            raise CommandError(error.message) from error

    def _options(self, document, pairs):
        raw = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            if not sep or not name.strip():
                raise CommandError(
                    _("Write each option as NAME=VALUE, not “%(pair)s”.") % {"pair": pair}
                )
            name = name.strip()
            if name not in document.options:
                known = ", ".join(document.options) or "—"
                raise CommandError(
                    _("“%(kind)s” reads no option “%(name)s” (it reads: %(known)s).")
                    % {"kind": document.kind, "name": name, "known": known}
                )
            raw.setdefault(name, []).append(value)
        return services.clean_options(document, raw)

    def _write(self, path, output):
        if path.is_dir():
            path = path / output.filename
        if not path.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
        try:
            path.write_bytes(output.content)
        except OSError as error:
            raise CommandError(
                _("%(path)s could not be written: %(error)s") % {"path": path, "error": error}
            ) from error
        return path
