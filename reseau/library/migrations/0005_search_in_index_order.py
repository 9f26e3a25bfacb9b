import django.db.models.deletion
from django.db import migrations, models

# PostgreSQL: the titles' own text-search index, for the search's matches with the words in the
# title (reseau.library.fulltext.search ranks those however old). SQLite's FTS5 table reads a
# column on its own already.
POSTGRESQL_CREATE = (
    "CREATE INDEX IF NOT EXISTS library_search_title ON library_search "
    "USING gin (to_tsvector('reseau_fold', title))"
)
POSTGRESQL_DROP = "DROP INDEX IF EXISTS library_search_title"


def create_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE)


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0004_photo_thumbnails"),
    ]

    operations = [
        # SQLite's trigram table, made by 0003, declared for Django to join (no table is made).
        migrations.CreateModel(
            name="ScriptIndex",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="script_index",
                        serialize=False,
                        to="library.document",
                    ),
                ),
                ("scripts", models.TextField()),
            ],
            options={"db_table": "library_search_scripts", "managed": False},
        ),
        migrations.RunPython(create_title_index, drop_title_index),
    ]
