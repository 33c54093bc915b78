"""The staff registry's 五十音順 from an index: フリガナ in ICU's Japanese collation, id (every
status, where the directory's index starts with the status); the first registration date
(the status report's years) from an index on the date."""

from django.db import migrations, models
from django.db.models.functions import Collate

from kamakura_portal.db import PostgresOnlyAddIndex


class Migration(migrations.Migration):
    dependencies = [("groups", "0006_search_name_vector")]

    operations = [
        PostgresOnlyAddIndex(
            model_name="citizengroup",
            index=models.Index(
                Collate("name_kana", "ja-x-icu"), models.F("id"), name="group_kana_ja"
            ),
        ),
        migrations.AddIndex(
            model_name="citizengroup",
            index=models.Index(fields=["registered_on"], name="group_registered_on"),
        ),
    ]
