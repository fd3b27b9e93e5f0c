from django.db import migrations, models

from reviews.decisions.letter_defaults import INVITE_TEXTS


class Migration(migrations.Migration):
    """The invitation to the full stage becomes a text of each call's letters, starting from
    the fixed text every call sent until now."""

    dependencies = [
        ("reviews", "0006_rebuttal_answers"),
    ]

    operations = [
        migrations.AddField(
            model_name="decisionlettertemplate",
            name="invite_th",
            field=models.TextField(
                default=INVITE_TEXTS["th"], verbose_name="invitation to the full stage (Thai)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="decisionlettertemplate",
            name="invite_en",
            field=models.TextField(
                default=INVITE_TEXTS["en"], verbose_name="invitation to the full stage (English)"
            ),
            preserve_default=False,
        ),
    ]
