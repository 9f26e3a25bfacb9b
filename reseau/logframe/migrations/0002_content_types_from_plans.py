# The history (audit app) points at its objects through django_content_type rows and keys
# its pages by "app_label.model:pk": both follow the models from "plans" to "logframe".

from django.db import migrations

MODELS = ['result', 'indicator', 'indicatorvalue']


def _move(apps, old_label, new_label):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    AuditEvent = apps.get_model('audit', 'AuditEvent')
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is not None:
            new = ContentType.objects.filter(app_label=new_label, model=model).first()
            if new is None:
                old.app_label = new_label
                old.save(update_fields=['app_label'])
            else:
                # Both exist (the new one made by a migrate run in between): keep one.
                AuditEvent.objects.filter(content_type=old).update(content_type=new)
                old.delete()
        events = list(AuditEvent.objects.filter(subject__startswith=f'{old_label}.{model}:').only('pk', 'subject'))
        for event in events:
            event.subject = f'{new_label}.{model}:' + event.subject.split(':', 1)[1]
        AuditEvent.objects.bulk_update(events, ['subject'], batch_size=500)


def forwards(apps, schema_editor):
    _move(apps, 'plans', 'logframe')


def backwards(apps, schema_editor):
    _move(apps, 'logframe', 'plans')


class Migration(migrations.Migration):

    dependencies = [
        ('logframe', '0001_initial'),
        ('plans', '0003_move_logframe_and_decisions'),
        ('audit', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
