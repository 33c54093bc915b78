"""The directory's 五十音順 from an index: status, フリガナ in ICU's Japanese collation, id."""

from django.db import migrations, models
from django.db.models.functions import Collate

from kamakura_portal.db import PostgresOnlyAddIndex


class Migration(migrations.Migration):
    dependencies = [("groups", "0004_rebuild_search_tokens")]

    operations = [
        PostgresOnlyAddIndex(
            model_name="citizengroup",
            index=models.Index(
                models.F("status"),
                Collate("name_kana", "ja-x-icu"),
                models.F("id"),
                name="group_status_kana_ja",
            ),
        ),
    ]
