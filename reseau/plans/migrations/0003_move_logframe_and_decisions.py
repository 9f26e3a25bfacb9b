# The logframe and the decisions register are apps of their own now (logframe, decisions):
# their models leave the plans app's state; their tables stay (the new apps use them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_decision_event_and_event_computations'),
        ('logframe', '0001_initial'),
        ('decisions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='IndicatorValue'),
                migrations.DeleteModel(name='Indicator'),
                migrations.DeleteModel(name='Result'),
                migrations.DeleteModel(name='DecisionNote'),
                migrations.DeleteModel(name='Decision'),
            ],
            database_operations=[],
        ),
    ]
