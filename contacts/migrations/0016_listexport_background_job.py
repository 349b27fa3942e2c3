"""List exports move onto the shared job life cycle (kiallianz.models.BackgroundJob):
the restart counter, the finish time and an index on the status. Existing
rows stay; finished ones take their last update as their finish time.
List exports and imports remember the requester's language, in which the
worker writes their messages (existing rows: German, as before)."""

from django.db import migrations, models
from django.db.models import F


def finished_at_of_finished_exports(apps, schema_editor):
    ListExport = apps.get_model("contacts", "ListExport")
    ListExport.objects.filter(status__in=["done", "failed"], finished_at__isnull=True).update(
        finished_at=F("updated_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0015_list_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='listexport',
            name='finished_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='fertig am'),
        ),
        migrations.AddField(
            model_name='listexport',
            name='restarts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='Neustarts'),
        ),
        migrations.AlterField(
            model_name='listexport',
            name='status',
            field=models.CharField(choices=[('pending', 'wartet'), ('running', 'läuft'), ('done', 'fertig'), ('failed', 'fehlgeschlagen')], db_index=True, default='pending', max_length=16, verbose_name='Status'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='language',
            field=models.CharField(default='de', max_length=8, verbose_name='Sprache'),
        ),
        migrations.AddField(
            model_name='listexport',
            name='language',
            field=models.CharField(default='de', max_length=8, verbose_name='Sprache'),
        ),
        migrations.RunPython(finished_at_of_finished_exports, migrations.RunPython.noop),
    ]
