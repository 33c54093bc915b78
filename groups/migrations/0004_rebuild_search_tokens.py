"""The search tokens of every group again: the shared Japanese index (kamakura_portal.search)
now also stores joined readings and Kamakura's local readings, which hiragana queries such
as こくさいこうりゅう or ふかさわ need. Rows are tokenised in batches; no schema change."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from kamakura_portal.search import SearchDocument

    group = apps.get_model("groups", "CitizenGroup")
    document = SearchDocument(
        group, name_fields=("name", "name_kana"), body_fields=("activities", "purpose", "offers")
    )
    ids = list(group.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        document.refresh(ids[start : start + 500])


class Migration(migrations.Migration):
    dependencies = [("groups", "0003_status_changes_in_the_shared_record")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
