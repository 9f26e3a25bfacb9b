# The logframe's models moved from the plans app. Their tables stay where they are
# (plans_result, plans_indicator, plans_indicatorvalue): only Django's state moves.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('plans', '0002_decision_event_and_event_computations'),
        ('registry', '0002_themes_work_first'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Result',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(choices=[('impact', 'Impact'), ('outcome', 'Outcome'), ('output', 'Output')], max_length=10, verbose_name='level')),
                ('code', models.CharField(help_text='For example OC1 or OP1.2.', max_length=20, verbose_name='code')),
                ('title', models.TextField(verbose_name='result')),
                ('title_en', models.TextField(null=True, verbose_name='result')),
                ('title_fr', models.TextField(null=True, verbose_name='result')),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='results', to='registry.network', verbose_name='network')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='children', to='logframe.result', verbose_name='contributes to')),
            ],
            options={
                'verbose_name': 'result',
                'verbose_name_plural': 'results',
                'db_table': 'plans_result',
                'ordering': ['network', 'code'],
                'constraints': [models.UniqueConstraint(fields=('network', 'code'), name='one_result_code_per_network')],
            },
        ),
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=20, verbose_name='code')),
                ('title', models.TextField(verbose_name='indicator')),
                ('title_en', models.TextField(null=True, verbose_name='indicator')),
                ('title_fr', models.TextField(null=True, verbose_name='indicator')),
                ('unit', models.CharField(help_text='For example: members, %, people.', max_length=60, verbose_name='unit')),
                ('baseline_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='baseline value')),
                ('baseline_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='baseline year')),
                ('target_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='target value')),
                ('target_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='target year')),
                ('milestones', models.TextField(blank=True, verbose_name='milestones')),
                ('sources', models.TextField(blank=True, verbose_name='sources of data')),
                ('assumptions', models.TextField(blank=True, verbose_name='assumptions')),
                ('framework_code', models.CharField(blank=True, help_text='For example SDG 6.2.', max_length=40, verbose_name='EU results framework or SDG code')),
                ('disaggregation', models.JSONField(blank=True, default=list, verbose_name='disaggregation')),
                ('computation', models.CharField(blank=True, choices=[('focal_points_confirmed', 'Members with a confirmed focal point'), ('members_up_to_date', 'Members up to date with their dues'), ('partners_in_dialogue', 'Partners in dialogue or cooperating'), ('projects_validated', 'Projects validated by the secretariat'), ('projects_funded', 'Projects funded'), ('events_held', 'Events held'), ('participants_women', 'Women among the participants present'), ('participants_men', 'Men among the participants present')], max_length=30, verbose_name='computed from the platform')),
                ('result', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='logframe.result', verbose_name='result')),
            ],
            options={
                'verbose_name': 'indicator',
                'verbose_name_plural': 'indicators',
                'db_table': 'plans_indicator',
                'ordering': ['result', 'code'],
                'constraints': [
                    models.UniqueConstraint(fields=('result', 'code'), name='one_indicator_code_per_result'),
                    models.CheckConstraint(condition=models.Q(('target_year__isnull', True), ('baseline_year__isnull', True), ('target_year__gte', models.F('baseline_year')), _connector='OR'), name='indicator_target_after_baseline'),
                ],
            },
        ),
        migrations.CreateModel(
            name='IndicatorValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='value')),
                ('breakdown', models.JSONField(blank=True, default=dict, help_text='The value per woman/man, country or member.', verbose_name='breakdown')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('evidence', models.TextField(blank=True, verbose_name='evidence')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('approved', 'Approved by the secretariat')], default='draft', max_length=10, verbose_name='status')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='logframe.indicator', verbose_name='indicator')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'indicator value',
                'verbose_name_plural': 'indicator values',
                'db_table': 'plans_indicatorvalue',
                'ordering': ['indicator', '-date', '-pk'],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
