"""The centre's civic synonyms (issue 14), seeded with the sets its coordinators use most,
and the groups' search tokens again: they now carry the words' Sudachi synonym groups."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

SEED = [
    ("空き家、空家、空き家活用、空き家対策", "空き家の活用・対策"),
    ("食品ロス、フードロス、フードドライブ、フードバンク", ""),
    ("にぎわいづくり、活性化、にぎわい創出、まちおこし、地域振興", ""),
    ("外来生物、アライグマ、特定外来生物、タイワンリス、外来種", "鎌倉で問題になっている外来種"),
    ("子育て、育児、子育て支援", ""),
    ("高齢者、シニア、お年寄り", ""),
    ("見守り、安否確認、声かけ", ""),
    ("防災、減災、災害対策、防災訓練", ""),
    ("ごみ拾い、清掃活動、ビーチクリーン、美化活動", ""),
    ("海岸、浜辺、砂浜、ビーチ", ""),
    ("子ども食堂、こども食堂、地域食堂", ""),
    ("居場所づくり、サロン、たまり場、集いの場", ""),
    ("不登校、フリースクール、学校に行きづらい", ""),
    ("在住外国人、外国籍市民、多文化共生、外国につながる", ""),
    ("日本語教室、日本語学習支援", ""),
    ("障害者、障がい者、障碍者、障害のある人", "表記の違い"),
    ("認知症カフェ、オレンジカフェ、認知症の人と家族の会", ""),
    ("里山、谷戸、緑地、山林", "鎌倉の緑"),
    ("放置竹林、竹林整備、竹の伐採", ""),
    ("文化財、史跡、歴史的遺産、古都", ""),
    ("観光客、来訪者、オーバーツーリズム", ""),
    ("移動支援、買い物支援、外出支援、送迎", ""),
    ("環境学習、環境教育、自然観察", ""),
    ("生涯学習、学び直し、市民講座", ""),
    ("地域福祉、支え合い、助け合い、共助", ""),
    ("町内会、自治会、住民組織", ""),
    ("ひとり親、シングルマザー、母子家庭、父子家庭", ""),
    ("健康づくり、介護予防、フレイル予防", ""),
    ("読み聞かせ、絵本、読書活動", ""),
    ("防犯パトロール、見回り、防犯活動", ""),
    ("地域猫、動物愛護、飼い主のいない猫", ""),
    ("景観、街並み、まちなみ、景観保全", ""),
    ("援農、市民農園、地産地消、農業体験", ""),
]


def seed(apps, schema_editor):
    synonym = apps.get_model("kamakura_portal", "CivicSynonym")
    synonym.objects.bulk_create(
        synonym(words="\n".join(words.split("、")), note=note) for words, note in SEED
    )


def rebuild_group_tokens(apps, schema_editor):
    from kamakura_portal.search import SearchDocument

    group = apps.get_model("groups", "CitizenGroup")
    document = SearchDocument(
        group,
        name_fields=("name", "name_kana"),
        body_fields=("activities", "purpose", "offers"),
        body_related=("activity_fields__name", "districts__name"),
    )
    ids = list(group.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        document.refresh(ids[start : start + 500])


class Migration(migrations.Migration):
    dependencies = [
        ("kamakura_portal", "0001_initial"),
        ("groups", "0004_rebuild_search_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CivicSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "words",
                    models.TextField(
                        help_text="Two or more words or phrases, one per line (or separated by 「、」).",
                        verbose_name="words",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                (
                    "updated_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="edited at"
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="edited by",
                    ),
                ),
            ],
            options={
                "verbose_name": "civic synonym",
                "verbose_name_plural": "civic synonyms",
                "ordering": ["pk"],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(rebuild_group_tokens, migrations.RunPython.noop),
    ]
