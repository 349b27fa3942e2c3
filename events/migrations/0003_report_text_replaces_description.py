# The description was already the text the report used; it becomes the
# „Berichtstext“ that the report assembles with the record's facts.
from django.db import migrations, models

REPORT_TEXT_HELP = (
    "Ein kurzer Absatz für den Bericht: was geschah und was daraus folgte. Datum, Ort, "
    "Teilnehmende, Mitveranstaltende, Speaker:innen und Fotos ergänzt der Bericht selbst "
    "aus den Feldern."
)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_verbose_names_of_bookkeeping_fields"),
    ]

    operations = [
        migrations.RenameField(model_name="event", old_name="description", new_name="report_text"),
        migrations.RenameField(
            model_name="kichallengeround", old_name="description", new_name="report_text"
        ),
        migrations.AlterField(
            model_name="event",
            name="report_text",
            field=models.TextField(
                blank=True, help_text=REPORT_TEXT_HELP, verbose_name="Berichtstext"
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="notes",
            field=models.TextField(
                blank=True,
                help_text="Nur für das Team, z. B. warum ein Datum so erfasst ist.",
                verbose_name="Interne Notiz",
            ),
        ),
        migrations.AlterField(
            model_name="kichallengeround",
            name="report_text",
            field=models.TextField(
                blank=True, help_text=REPORT_TEXT_HELP, verbose_name="Berichtstext"
            ),
        ),
    ]
