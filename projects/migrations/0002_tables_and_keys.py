"""Give the projects' tables this app's names, and move what named them by their old app: the
content types (so permissions and audit entries follow), the KPI ledger's report keys and the
audit actions of progress reports ("report.*" now reads "progress_report.*", since "report"
means a document elsewhere in the code)."""

from django.db import migrations

MODELS = (
    "award",
    "awardbudget",
    "progressreport",
    "instalment",
    "indicatorresult",
    "deliveredoutput",
    "activityprogress",
    "resultevidence",
    "spending",
)
OLD_KEY = "proposals.progressreport:"
NEW_KEY = "projects.progressreport:"


def _rename_keys(apps, old, new):
    Result = apps.get_model("indicators", "Result")
    for row in Result.objects.filter(report__startswith=old).only("pk", "report"):
        row.report = new + row.report[len(old) :]
        row.save(update_fields=["report"])


def _rename_actions(apps, old, new):
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    for entry in AuditEntry.objects.filter(action__startswith=old).only("pk", "action"):
        entry.action = new + entry.action[len(old) :]
        entry.save(update_fields=["action"])


def _move_content_types(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        if ContentType.objects.filter(app_label=new_label, model=model).exists():
            old.delete()
        else:
            old.app_label = new_label
            old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _move_content_types(apps, "proposals", "projects")
    _rename_keys(apps, OLD_KEY, NEW_KEY)
    _rename_actions(apps, "report.", "progress_report.")


def backwards(apps, schema_editor):
    _move_content_types(apps, "projects", "proposals")
    _rename_keys(apps, NEW_KEY, OLD_KEY)
    _rename_actions(apps, "progress_report.", "report.")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("accounts", "0002_notification"),
        ("indicators", "0005_ledger"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
        migrations.RunPython(forwards, backwards),
    ]
