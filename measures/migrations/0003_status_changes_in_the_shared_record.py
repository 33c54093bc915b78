"""A progress report's workflow events move to the shared record
(kamakura_portal.StatusChange); their comment becomes the move's reason."""

from django.db import migrations

from kamakura_portal.db import copy_status_changes


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0002_reporting_rounds"),
        ("kamakura_portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            copy_status_changes("measures", "ReportEvent", "report", reason_field="comment"),
            migrations.RunPython.noop,
        ),
        migrations.DeleteModel(name="ReportEvent"),
    ]
