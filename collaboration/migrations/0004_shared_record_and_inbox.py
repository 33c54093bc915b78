"""A proposal's status moves and inbox entries move to the shared core: the status-change
record and the inbox for any object (kamakura_portal). Notices are now written with the
change they tell about, so nothing needs an 'already told' mark any more."""

from django.db import migrations
from django.urls import reverse

from kamakura_portal.db import copy_status_changes


def copy_inbox(apps, schema_editor):
    old = apps.get_model("collaboration", "Notification")
    if not old.objects.exists():
        return
    content_type, _created = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="collaboration", model="proposal"
    )
    shared = apps.get_model("kamakura_portal", "Notification")
    rows = []
    for note in old.objects.order_by("pk").iterator():
        if note.entry_id:
            url = reverse("collaboration:discussion", args=[note.proposal_id])
            url, key = f"{url}#entry-{note.entry_id}", f"discussion_entry:{note.entry_id}"
        else:
            url = reverse("collaboration:proposal", args=[note.proposal_id])
            key = f"proposal_change:{note.change_id}" if note.change_id else ""
        rows.append(
            shared(
                recipient_id=note.recipient_id,
                content_type_id=content_type.pk,
                object_id=note.proposal_id,
                message=note.message,
                url=url,
                key=key,
                created_at=note.created_at,
                read_at=note.read_at,
            )
        )
    shared.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("collaboration", "0003_need_search"),
        ("kamakura_portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            copy_status_changes("collaboration", "StatusChange", "proposal"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(copy_inbox, migrations.RunPython.noop),
        migrations.RemoveField(model_name="discussionentry", name="notified_at"),
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="StatusChange"),
    ]
