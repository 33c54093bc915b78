import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from kamakura_portal.db import PostgresOnlyAddIndex


def index_existing_needs(apps, schema_editor):
    # The shared tokeniser on the historical model: needs are few; with none it writes nothing.
    from kamakura_portal.search import SearchDocument

    need = apps.get_model('collaboration', 'DepartmentNeed')
    document = SearchDocument(need, name_fields=('title',), body_fields=('background', 'wanted'))
    document.refresh(need.objects.values_list('pk', flat=True))


class Migration(migrations.Migration):

    dependencies = [
        ('collaboration', '0002_department_needs_and_discussion_notices'),
    ]

    operations = [
        migrations.AddField(
            model_name='departmentneed',
            name='search_body',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='departmentneed',
            name='search_name',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='departmentneed',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgresOnlyAddIndex(
            model_name='departmentneed',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='need_search_vector'),
        ),
        migrations.RunPython(index_existing_needs, migrations.RunPython.noop),
    ]
