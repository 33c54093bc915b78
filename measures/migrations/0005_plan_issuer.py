"""The issuer of a plan edition, as the back page of the booklet prints it (issue 15): the
field, and the Kamakura guideline editions already loaded filled as their data files now are
(seed 001's back page for 2026, seed 000's enquiries for 2020). Only an empty issuer changes."""

from typing import Any

from django.db import migrations, models

ISSUERS = {
    "kamakura-guideline-2026": (
        "鎌倉市 市民防災部 地域のつながり課\n"
        "〒248-8686 鎌倉市御成町18番10号\n"
        "TEL：0467-23-3000（内線2582）\n"
        "FAX：0467-23-8700\n"
        "E-mail：npo@city.kamakura.kanagawa.jp"
    ),
    "kamakura-guideline-2020": (
        "鎌倉市 市民防災部 地域のつながり課\n"
        "鎌倉市御成町18-10 第3分庁舎1階\n"
        "TEL：0467-23-3000\n"
        "E-mail：npo@city.kamakura.kanagawa.jp"
    ),
}


def forwards(apps: Any, schema_editor: Any) -> None:
    plan_model = apps.get_model("measures", "Plan")
    for code, issuer in ISSUERS.items():
        plan_model.objects.filter(code=code, issuer="").update(issuer=issuer)


class Migration(migrations.Migration):
    dependencies = [("measures", "0004_plan_titles")]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="issuer",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The issuing office on the first line, then its address, telephone and "
                    "mail, one per line, as the back page of the booklet prints them."
                ),
                verbose_name="issuer",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
