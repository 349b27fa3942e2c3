"""The lists' text index on SQLite (FTS5, trigram tokenizer) and the
triggers that keep it; nothing on PostgreSQL, whose trigram indexes come
from 0015. See contacts/text_index.py."""

from django.db import migrations

from contacts import text_index


class Migration(migrations.Migration):
    dependencies = [("contacts", "0020_history_indexes_by_record_date_user")]

    operations = [migrations.RunPython(text_index.run_create, text_index.run_drop)]
