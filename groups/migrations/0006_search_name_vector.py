"""The name's tokens as their own small tsvector, with a GIN index (PostgreSQL only).

A trigger keeps ``search_name_vector`` equal to ``to_tsvector('simple', search_name)`` on
every insert and on every update of ``search_name``, whoever writes (the ORM, the search
document's refresh in SQL, the bulk loader), so no writer needs to know of it. The directory
finds a keyword's name matches in this index and ranks them on this narrow column; the wide
``search_vector`` is read only for the matches in the description alone. On the embedded
SQLite the column stays empty and unused.
"""

from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

from kamakura_portal.db import PostgresOnlyAddIndex

CREATE = """
CREATE FUNCTION groups_citizengroup_search_name_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_name_vector := to_tsvector('simple'::regconfig, COALESCE(NEW.search_name, ''));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER groups_citizengroup_search_name_vector
    BEFORE INSERT OR UPDATE OF search_name, search_name_vector ON groups_citizengroup
    FOR EACH ROW EXECUTE FUNCTION groups_citizengroup_search_name_vector();
UPDATE groups_citizengroup
    SET search_name_vector = to_tsvector('simple'::regconfig, COALESCE(search_name, ''));
"""

DROP = """
DROP TRIGGER groups_citizengroup_search_name_vector ON groups_citizengroup;
DROP FUNCTION groups_citizengroup_search_name_vector();
"""


def create_trigger(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("groups", "0005_kana_order_index")]

    operations = [
        migrations.AddField(
            model_name="citizengroup",
            name="search_name_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
        PostgresOnlyAddIndex(
            model_name="citizengroup",
            index=GinIndex(fields=["search_name_vector"], name="group_search_name_vector"),
        ),
    ]
