"""The move of funded projects out of `proposals` keeps every row: rolled back to before the move,
the data sits in `proposals_*` tables under `proposals` content types, with the ledger's report
keys and the progress reports' audit actions in their old form; migrated forward again it reads
the same as before."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import AuditEntry
from indicators.models import Result
from projects.models import Award, ProgressReport, ProgressReportState
from proposals.models import ProgressReportKind
from tests.projects.builders import report_of
from tests.projects.pages import accept
from tests.projects.report_builders import complete_report, rich_project

BEFORE = [("proposals", "0003_projects"), ("projects", None)]


def _tables():
    return set(connection.introspection.table_names())


def _history(report):
    return AuditEntry.objects.filter(
        object_id=str(report.pk), content_type=ContentType.objects.get_for_model(ProgressReport)
    )


def _old_keys():
    with connection.cursor() as cursor:
        cursor.execute("SELECT report FROM indicators_result")
        return {row[0].split(":")[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_funded_project_survives_the_move_back_and_forth(officer):
    project = rich_project(officer)
    complete_report(report_of(project))
    accept(project, ProgressReportKind.MONTH_6, officer)
    report = ProgressReport.objects.get(proposal=project, state=ProgressReportState.ACCEPTED)
    before = {
        "award": Award.objects.get(proposal=project).contract_number,
        "results": sorted(Result.objects.values_list("report", "value")),
        "history": _history(report).count(),
    }
    assert before["results"] and before["history"]

    MigrationExecutor(connection).migrate(BEFORE)
    assert {"proposals_award", "proposals_progressreport"} <= _tables()
    assert "projects_award" not in _tables()
    assert _old_keys() == {"proposals.progressreport"}
    assert ContentType.objects.filter(app_label="proposals", model="progressreport").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT action FROM accounts_auditentry WHERE action LIKE 'report.%%'")
        assert {row[0] for row in cursor.fetchall()} == {"report.accept"}

    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()
    assert "proposals_award" not in _tables()
    assert Award.objects.get(proposal=project).contract_number == before["award"]
    assert sorted(Result.objects.values_list("report", "value")) == before["results"]
    entries = _history(report)
    assert entries.count() == before["history"]
    assert entries.filter(action="progress_report.accept").exists()
