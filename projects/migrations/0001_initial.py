"""The models of funded projects, taken over from `proposals` as they are: created in the state
only, on the tables proposals made (0002 gives them this app's names)."""

import django.core.validators
import django.db.models.deletion
import django_fsm
import projects.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_notification'),
        ('indicators', '0005_ledger'),
        ('proposals', '0004_move_projects_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Award',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('contract_number', models.CharField(max_length=60, unique=True, verbose_name='contract number')),
                    ('contract_date', models.DateField(verbose_name='contract date')),
                    ('starts_on', models.DateField(verbose_name='project start')),
                    ('ends_on', models.DateField(verbose_name='project end')),
                    ('amount', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='approved budget (baht)')),
                    ('funded_at', models.DateTimeField(auto_now_add=True, verbose_name='funded at')),
                    ('funded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='funded by')),
                    ('proposal', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='award', to='proposals.proposal', verbose_name='proposal')),
                ],
                options={
                    'verbose_name': 'award',
                    'verbose_name_plural': 'awards',
                    'ordering': ['-contract_date', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='AwardBudget',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('amount', models.DecimalField(decimal_places=2, max_digits=15, validators=[django.core.validators.MinValueValidator(0)], verbose_name='approved amount (baht)')),
                    ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget', to='projects.award', verbose_name='award')),
                    ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='proposals.budgetcategory', verbose_name='category')),
                    ('fiscal_year', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.fiscalyear', verbose_name='fiscal year')),
                ],
                options={
                    'verbose_name': 'approved budget line',
                    'verbose_name_plural': 'approved budget',
                    'ordering': ['award', 'category__position', 'fiscal_year__year_be'],
                },
            ),
            migrations.CreateModel(
                name='ProgressReport',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('contract', 'Signed contract'), ('month_6', '6-month progress report'), ('month_12', '12-month progress report'), ('final', 'Final report')], max_length=20, verbose_name='report')),
                    ('period_start', models.DateField(verbose_name='period from')),
                    ('period_end', models.DateField(verbose_name='period to')),
                    ('due_on', models.DateField(verbose_name='due on')),
                    ('state', django_fsm.FSMField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('accepted', 'Accepted'), ('returned', 'Returned for changes')], default='draft', max_length=50, protected=True, verbose_name='state')),
                    ('narrative', models.TextField(blank=True, verbose_name='progress narrative')),
                    ('problems', models.TextField(blank=True, verbose_name='problems and solutions')),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                    ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                    ('decision_comment', models.TextField(blank=True, verbose_name="officer's comment")),
                    ('reminded_before_on', models.DateField(blank=True, editable=False, null=True)),
                    ('reminded_overdue_on', models.DateField(blank=True, editable=False, null=True)),
                    ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='proposals.proposal', verbose_name='project')),
                    ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'progress report',
                    'verbose_name_plural': 'progress reports',
                    'ordering': ['proposal', 'period_end', 'pk'],
                    'permissions': [('accept_progressreport', 'Can accept or return progress reports')],
                },
            ),
            migrations.CreateModel(
                name='Instalment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveSmallIntegerField(verbose_name='instalment')),
                    ('percent', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='share (%)')),
                    ('amount', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='amount (baht)')),
                    ('report_kind', models.CharField(choices=[('contract', 'Signed contract'), ('month_6', '6-month progress report'), ('month_12', '12-month progress report'), ('final', 'Final report')], max_length=20, verbose_name='released on')),
                    ('state', django_fsm.FSMField(choices=[('scheduled', 'Scheduled'), ('due', 'Due for payment'), ('released', 'Released'), ('cancelled', 'Cancelled')], default='scheduled', max_length=50, protected=True, verbose_name='state')),
                    ('due_since', models.DateField(blank=True, null=True, verbose_name='due since')),
                    ('paid_on', models.DateField(blank=True, null=True, verbose_name='payment date')),
                    ('payment_reference', models.CharField(blank=True, max_length=100, verbose_name='payment reference')),
                    ('released_at', models.DateTimeField(blank=True, null=True, verbose_name='recorded at')),
                    ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='instalments', to='proposals.proposal', verbose_name='project')),
                    ('released_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='instalments', to='projects.progressreport', verbose_name='report it depends on')),
                ],
                options={
                    'verbose_name': 'instalment',
                    'verbose_name_plural': 'instalments',
                    'ordering': ['proposal', 'number'],
                    'permissions': [('release_instalment', 'Can release instalments')],
                },
            ),
            migrations.CreateModel(
                name='IndicatorResult',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('value', models.DecimalField(decimal_places=2, max_digits=18, verbose_name='value for the period')),
                    ('evidence_url', models.URLField(blank=True, max_length=500, verbose_name='evidence link')),
                    ('note', models.TextField(blank=True, verbose_name='note')),
                    ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator', verbose_name='indicator')),
                    ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.municipality', verbose_name='municipality')),
                    ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='results', to='projects.progressreport', verbose_name='report')),
                ],
                options={
                    'verbose_name': 'indicator result',
                    'verbose_name_plural': 'indicator results',
                    'ordering': ['report', 'indicator__code', 'municipality__name_th', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='DeliveredOutput',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('description', models.CharField(max_length=500, verbose_name='description')),
                    ('quantity', models.PositiveIntegerField(default=1, verbose_name='quantity')),
                    ('link', models.URLField(blank=True, max_length=500, verbose_name='link')),
                    ('output_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.outputtype', verbose_name='output type')),
                    ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outputs', to='projects.progressreport', verbose_name='report')),
                ],
                options={
                    'verbose_name': 'delivered output',
                    'verbose_name_plural': 'delivered outputs',
                    'ordering': ['report', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ActivityProgress',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('percent', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='progress (%)')),
                    ('note', models.CharField(blank=True, max_length=500, verbose_name='note')),
                    ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='proposals.activity', verbose_name='activity')),
                    ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activity_progress', to='projects.progressreport', verbose_name='report')),
                ],
                options={
                    'verbose_name': 'activity progress',
                    'verbose_name_plural': 'activity progress',
                    'ordering': ['report', 'activity__position', 'activity_id'],
                },
            ),
            migrations.CreateModel(
                name='ResultEvidence',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('file', models.FileField(upload_to=projects.models.evidence_path, verbose_name='file')),
                    ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                    ('size', models.PositiveIntegerField(default=0, verbose_name='size (bytes)')),
                    ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                    ('result', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='projects.indicatorresult', verbose_name='result')),
                    ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'evidence file',
                    'verbose_name_plural': 'evidence files',
                    'ordering': ['result', 'uploaded_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Spending',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('amount', models.DecimalField(decimal_places=2, max_digits=15, validators=[django.core.validators.MinValueValidator(0)], verbose_name='spent (baht)')),
                    ('note', models.CharField(blank=True, max_length=500, verbose_name='note')),
                    ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='proposals.budgetcategory', verbose_name='category')),
                    ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='spending', to='projects.progressreport', verbose_name='report')),
                ],
                options={
                    'verbose_name': 'spending',
                    'verbose_name_plural': 'spending',
                    'ordering': ['report', 'category__position'],
                },
            ),
            migrations.AddConstraint(
                model_name='award',
                constraint=models.CheckConstraint(condition=models.Q(('ends_on__gt', models.F('starts_on'))), name='award_ends_after_start'),
            ),
            migrations.AddConstraint(
                model_name='award',
                constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='award_amount_positive'),
            ),
            migrations.AddConstraint(
                model_name='awardbudget',
                constraint=models.UniqueConstraint(fields=('award', 'category', 'fiscal_year'), name='unique_award_budget_cell'),
            ),
            migrations.AddConstraint(
                model_name='progressreport',
                constraint=models.UniqueConstraint(fields=('proposal', 'kind'), name='unique_report_kind'),
            ),
            migrations.AddConstraint(
                model_name='instalment',
                constraint=models.UniqueConstraint(fields=('proposal', 'number'), name='unique_project_instalment'),
            ),
            migrations.AddConstraint(
                model_name='instalment',
                constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='instalment_amount_not_negative'),
            ),
            migrations.AddConstraint(
                model_name='indicatorresult',
                constraint=models.UniqueConstraint(fields=('report', 'indicator', 'municipality'), name='unique_report_result'),
            ),
            migrations.AddConstraint(
                model_name='indicatorresult',
                constraint=models.UniqueConstraint(condition=models.Q(('municipality__isnull', True)), fields=('report', 'indicator'), name='unique_report_result_without_municipality'),
            ),
            migrations.AddConstraint(
                model_name='activityprogress',
                constraint=models.UniqueConstraint(fields=('report', 'activity'), name='unique_activity_progress'),
            ),
            migrations.AddConstraint(
                model_name='spending',
                constraint=models.UniqueConstraint(fields=('report', 'category'), name='unique_report_spending'),
            ),
                migrations.AlterModelTable(name='award', table='proposals_award'),
                migrations.AlterModelTable(name='awardbudget', table='proposals_awardbudget'),
                migrations.AlterModelTable(name='progressreport', table='proposals_progressreport'),
                migrations.AlterModelTable(name='instalment', table='proposals_instalment'),
                migrations.AlterModelTable(name='indicatorresult', table='proposals_indicatorresult'),
                migrations.AlterModelTable(name='deliveredoutput', table='proposals_deliveredoutput'),
                migrations.AlterModelTable(name='activityprogress', table='proposals_activityprogress'),
                migrations.AlterModelTable(name='resultevidence', table='proposals_resultevidence'),
                migrations.AlterModelTable(name='spending', table='proposals_spending'),
            ],
            database_operations=[],
        ),
    ]
