from django.db import migrations


def _year_be(day):
    return day.year + 543 + (1 if day.month >= 10 else 0)


def cover(apps, schema_editor):
    """Every programme's fiscal years cover the periods of its funded projects and every year
    its KPI ledger has rows in, as funding now makes them (results filed under a year the
    programme lacked had no target and no place on the dashboard)."""
    FiscalYear = apps.get_model("indicators", "FiscalYear")
    Programme = apps.get_model("indicators", "Programme")
    Award = apps.get_model("projects", "Award")
    wanted = {}
    for programme_id, starts_on, ends_on in Award.objects.values_list(
        "proposal__call__programme", "starts_on", "ends_on"
    ):
        years = range(_year_be(starts_on), _year_be(ends_on) + 1)
        wanted.setdefault(programme_id, set()).update(years)
    for name in ("Commitment", "Result"):
        rows = apps.get_model("indicators", name).objects.values_list(
            "programme", "fiscal_year__year_be"
        )
        for programme_id, year_be in rows.distinct():
            wanted.setdefault(programme_id, set()).add(year_be)
    for programme in Programme.objects.filter(pk__in=wanted):
        have = set(programme.fiscal_years.values_list("year_be", flat=True))
        missing = sorted(wanted[programme.pk] - have)
        programme.fiscal_years.add(
            *(FiscalYear.objects.get_or_create(year_be=year_be)[0] for year_be in missing)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_progressreport_early_submission"),
        ("indicators", "0006_indicator_targets_cumulative"),
    ]

    operations = [migrations.RunPython(cover, migrations.RunPython.noop)]
