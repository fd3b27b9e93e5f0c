from django.db import migrations

CODES = ["environment", "mobility", "living", "people", "energy", "economy", "governance"]


def create_dimensions(apps, schema_editor):
    Dimension = apps.get_model("indicators", "Dimension")
    for position, code in enumerate(CODES):
        Dimension.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(create_dimensions, migrations.RunPython.noop)]
