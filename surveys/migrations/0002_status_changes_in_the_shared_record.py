"""A survey's status moves move to the shared record (kamakura_portal.StatusChange)."""

from django.db import migrations

from kamakura_portal.db import copy_status_changes


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("kamakura_portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            copy_status_changes("surveys", "SurveyStatusChange", "survey"),
            migrations.RunPython.noop,
        ),
        migrations.DeleteModel(name="SurveyStatusChange"),
    ]
