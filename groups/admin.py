from django.contrib import admin

from .models import CitizenGroup, GroupMembership


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(CitizenGroup)
class CitizenGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "name_kana", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "name_kana"]
    inlines = [GroupMembershipInline]
