"""Plans as the list shows them (issue 13, item 16): the 2020 guideline's 〜 typed as the
full-width wave (the ASCII ~ of the city's page prints as ˜), and the seed 003 chapter with
its municipality and a title of its own. Only rows still as they were shipped change."""

from typing import Any

from django.db import migrations

GUIDELINE_2020 = "kamakura-guideline-2020"
CHAPTER = "collaboration-guideline-five-policies"


def forwards(apps: Any, schema_editor: Any) -> None:
    plan_model = apps.get_model("measures", "Plan")
    for plan in plan_model.objects.filter(code=GUIDELINE_2020):
        plan.title = plan.title.replace("指針~", "指針 ～").replace("~", "～")
        plan.source_note = plan.source_note.replace("~", "～")
        plan.save(update_fields=["title", "source_note"])
        for section in plan.sections.all():
            section.title = section.title.replace("~", "～")
            section.body = section.body.replace("~", "～")
            section.save(update_fields=["title", "body"])
        for tier in plan.tiers.all():
            tier.description = tier.description.replace("~", "～")
            tier.save(update_fields=["description"])
    plan_model.objects.filter(code=CHAPTER, municipality="").update(
        municipality="ある市（資料に市名の記載なし）"
    )
    plan_model.objects.filter(code=CHAPTER, title="第3章 協働の推進に向けて").update(
        title="協働の指針 第3章「協働の推進に向けて」"
    )


class Migration(migrations.Migration):
    dependencies = [("measures", "0003_status_changes_in_the_shared_record")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
