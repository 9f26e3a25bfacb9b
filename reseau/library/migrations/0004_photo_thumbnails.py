from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_fulltext_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentversion",
            name="thumbnail",
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="thumbnail"),
        ),
        migrations.AddField(
            model_name="documentversion",
            name="thumbnail_height",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="documentversion",
            name="thumbnail_width",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
    ]
