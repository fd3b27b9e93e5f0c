"""Funded projects moved to an app of their own (`projects`): their models leave this app's
state only; the tables stay where they are until projects' migrations rename them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0003_projects'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='award',
                name='funded_by',
            ),
            migrations.RemoveField(
                model_name='award',
                name='proposal',
            ),
            migrations.RemoveField(
                model_name='awardbudget',
                name='award',
            ),
            migrations.RemoveField(
                model_name='awardbudget',
                name='category',
            ),
            migrations.RemoveField(
                model_name='awardbudget',
                name='fiscal_year',
            ),
            migrations.RemoveField(
                model_name='deliveredoutput',
                name='output_type',
            ),
            migrations.RemoveField(
                model_name='deliveredoutput',
                name='report',
            ),
            migrations.RemoveField(
                model_name='indicatorresult',
                name='indicator',
            ),
            migrations.RemoveField(
                model_name='indicatorresult',
                name='municipality',
            ),
            migrations.RemoveField(
                model_name='indicatorresult',
                name='report',
            ),
            migrations.RemoveField(
                model_name='resultevidence',
                name='result',
            ),
            migrations.RemoveField(
                model_name='instalment',
                name='proposal',
            ),
            migrations.RemoveField(
                model_name='instalment',
                name='released_by',
            ),
            migrations.RemoveField(
                model_name='instalment',
                name='report',
            ),
            migrations.RemoveField(
                model_name='progressreport',
                name='decided_by',
            ),
            migrations.RemoveField(
                model_name='progressreport',
                name='proposal',
            ),
            migrations.RemoveField(
                model_name='progressreport',
                name='submitted_by',
            ),
            migrations.RemoveField(
                model_name='spending',
                name='report',
            ),
            migrations.RemoveField(
                model_name='resultevidence',
                name='uploaded_by',
            ),
            migrations.RemoveField(
                model_name='spending',
                name='category',
            ),
            migrations.DeleteModel(
                name='ActivityProgress',
            ),
            migrations.DeleteModel(
                name='Award',
            ),
            migrations.DeleteModel(
                name='AwardBudget',
            ),
            migrations.DeleteModel(
                name='DeliveredOutput',
            ),
            migrations.DeleteModel(
                name='IndicatorResult',
            ),
            migrations.DeleteModel(
                name='Instalment',
            ),
            migrations.DeleteModel(
                name='ProgressReport',
            ),
            migrations.DeleteModel(
                name='ResultEvidence',
            ),
            migrations.DeleteModel(
                name='Spending',
            ),
            ],
            database_operations=[],
        ),
    ]
