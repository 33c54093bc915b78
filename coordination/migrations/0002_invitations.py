# Invitations (打診): a group asked about a department need, one row per need and group.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('collaboration', '0005_need_deadline_and_contact'),
        ('coordination', '0001_initial'),
        ('groups', '0004_rebuild_search_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('candidate', 'Candidate'), ('invited', 'Invited'), ('interested', 'Interested'), ('declined', 'Declined'), ('expired', 'Expired'), ('discussing', 'In discussion'), ('proposed', 'Proposal started')], default='candidate', max_length=20, verbose_name='status')),
                ('message', models.TextField(blank=True, verbose_name='message to the group')),
                ('reasons', models.TextField(blank=True, help_text="The matching's explanation when the group was invited, shown to the group.", verbose_name='why the need fits the group')),
                ('answer_by', models.DateField(blank=True, null=True, verbose_name='answer by')),
                ('answer_note', models.TextField(blank=True, verbose_name='note with the answer')),
                ('raised_by_group', models.BooleanField(default=False, verbose_name='raised by the group')),
                ('invited_at', models.DateTimeField(blank=True, null=True, verbose_name='invited at')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                ('reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='reminder sent at')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='answered by')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='need_invitations', to='groups.citizengroup', verbose_name='group')),
                ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by')),
                ('need', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='collaboration.departmentneed', verbose_name='department need')),
                ('proposal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations', to='collaboration.proposal', verbose_name='proposal')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['status', 'answer_by'], name='invitation_status_answer_by'), models.Index(fields=['group', 'status'], name='invitation_group_status')],
                'constraints': [models.UniqueConstraint(fields=('need', 'group'), name='invitation_one_per_need_group')],
            },
        ),
    ]
