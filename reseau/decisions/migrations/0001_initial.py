# The decisions register's models moved from the plans app. Their tables stay where they
# are (plans_decision, plans_decision_activities, plans_decisionnote): only Django's state moves.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0002_event_recurrence_ends_at'),
        ('plans', '0002_decision_event_and_event_computations'),
        ('registry', '0002_themes_work_first'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('decision', 'Decision'), ('action', 'Action item')], default='action', max_length=10, verbose_name='type')),
                ('title', models.TextField(verbose_name='decision or action')),
                ('title_en', models.TextField(null=True, verbose_name='decision or action')),
                ('title_fr', models.TextField(null=True, verbose_name='decision or action')),
                ('meeting', models.CharField(blank=True, max_length=300, verbose_name='meeting')),
                ('meeting_date', models.DateField(blank=True, null=True, verbose_name='meeting date')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='open', max_length=12, verbose_name='status')),
                ('activities', models.ManyToManyField(blank=True, related_name='decisions', to='plans.activity', verbose_name='plan activities')),
                ('event', models.ForeignKey(blank=True, help_text='The meeting where it was decided, when it is in the calendar.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='events.event', verbose_name='event')),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='registry.network', verbose_name='network')),
                ('owner_member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions_owned', to='registry.member', verbose_name='owner (member)')),
                ('owner_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='registry.person', verbose_name='owner (person)')),
            ],
            options={
                'verbose_name': 'decision',
                'verbose_name_plural': 'decisions',
                'db_table': 'plans_decision',
                'ordering': ['due_date', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='DecisionNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                ('text', models.TextField(verbose_name='follow-up')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='decisions.decision', verbose_name='decision')),
            ],
            options={
                'verbose_name': 'follow-up note',
                'verbose_name_plural': 'follow-up notes',
                'db_table': 'plans_decisionnote',
                'ordering': ['-date', '-pk'],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
