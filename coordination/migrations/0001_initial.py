# The consultation log (相談記録) and its topics, seeded with the centre's list.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from kamakura_portal.db import PostgresOnlyAddIndex


def seed_topics(apps, schema_editor):
    from coordination.reference import load_topics

    load_topics(apps.get_model('coordination', 'Topic'))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_user_agreed_to_terms_at'),
        ('groups', '0004_rebuild_search_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='sort order')),
                ('is_active', models.BooleanField(default=True, verbose_name='in use')),
            ],
            options={
                'verbose_name': 'consultation topic',
                'verbose_name_plural': 'consultation topics',
                'ordering': ['sort_order', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Consultation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('search_name', models.TextField(blank=True, editable=False)),
                ('search_body', models.TextField(blank=True, editable=False)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('consulted_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='date of the consultation')),
                ('method', models.CharField(choices=[('visit', 'At the centre'), ('phone', 'Telephone'), ('email', 'Email'), ('online', 'Online'), ('outreach', 'Visit by staff')], max_length=10, verbose_name='method')),
                ('person_name', models.CharField(blank=True, max_length=100, verbose_name='name of the person')),
                ('content', models.TextField(verbose_name='content')),
                ('referral', models.CharField(blank=True, max_length=200, verbose_name='referred to')),
                ('follow_up', models.TextField(blank=True, verbose_name='follow-up')),
                ('next_action_on', models.DateField(blank=True, null=True, verbose_name='next action by')),
                ('follow_up_done_on', models.DateField(blank=True, null=True, verbose_name='follow-up done on')),
                ('reminded_for', models.DateField(blank=True, editable=False, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='accounts.department', verbose_name='department')),
                ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='groups.citizengroup', verbose_name='group')),
                ('staff', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consultations_handled', to=settings.AUTH_USER_MODEL, verbose_name='staff member')),
                ('topics', models.ManyToManyField(related_name='consultations', to='coordination.topic', verbose_name='topics')),
            ],
            options={
                'verbose_name': 'consultation',
                'verbose_name_plural': 'consultations',
                'ordering': ['-consulted_on', '-pk'],
                'indexes': [models.Index(fields=['-consulted_on', '-id'], name='consultation_newest'), models.Index(condition=models.Q(('follow_up_done_on__isnull', True), ('next_action_on__isnull', False)), fields=['next_action_on'], name='consultation_follow_up_open')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('department__isnull', True), ('group__isnull', False), ('person_name', '')), models.Q(('department__isnull', False), ('group__isnull', True), ('person_name', '')), models.Q(('department__isnull', True), ('group__isnull', True), models.Q(('person_name', ''), _negated=True)), _connector='OR'), name='consultation_exactly_one_asker', violation_error_message="Say who asked: one group, one department or one person's name.")],
            },
        ),
        PostgresOnlyAddIndex(
            model_name='consultation',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='consultation_search_vector'),
        ),
        migrations.RunPython(seed_topics, migrations.RunPython.noop),
    ]
