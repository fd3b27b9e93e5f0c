from django.db import migrations, models


class Migration(migrations.Migration):
    """Each call says how a review's total is worked out. The calls that exist were scored by
    rescaling from the lowest score, the only formula until now: they keep it, so that the
    totals their reviewers submitted, the ranking and any decision taken on it stay what they
    were. New calls default to the Thai committee form (score ÷ full marks × weight)."""

    dependencies = [
        ("proposals", "0004_move_projects_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="scoring_formula",
            field=models.CharField(
                choices=[
                    ("full_marks", "Score ÷ full marks × weight"),
                    (
                        "rescaled",
                        "Rescaled from the lowest score: (score − lowest) ÷ (highest − lowest) "
                        "× weight",
                    ),
                ],
                default="rescaled",
                help_text=(
                    "How a review's total on 0–100 is worked out from the scores. It cannot "
                    "change once a review of the call is submitted."
                ),
                max_length=12,
                verbose_name="scoring formula",
            ),
        ),
        migrations.AlterField(
            model_name="call",
            name="scoring_formula",
            field=models.CharField(
                choices=[
                    ("full_marks", "Score ÷ full marks × weight"),
                    (
                        "rescaled",
                        "Rescaled from the lowest score: (score − lowest) ÷ (highest − lowest) "
                        "× weight",
                    ),
                ],
                default="full_marks",
                help_text=(
                    "How a review's total on 0–100 is worked out from the scores. It cannot "
                    "change once a review of the call is submitted."
                ),
                max_length=12,
                verbose_name="scoring formula",
            ),
        ),
    ]
