"""A group's status moves move to the shared record (kamakura_portal.StatusChange)."""

from django.db import migrations

from kamakura_portal.db import copy_status_changes


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_registry"),
        ("kamakura_portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            copy_status_changes("groups", "StatusChange", "group"), migrations.RunPython.noop
        ),
        migrations.DeleteModel(name="StatusChange"),
    ]
