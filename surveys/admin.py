"""Admin of surveys: the builder pages are the normal way; the admin is for IT."""

from django.contrib import admin

from kamakura_portal.admin import StatusChangeInline

from .models import Option, Question, Survey, WordingFix


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("order", "key", "kind", "text", "required")
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "fiscal_year", "audience", "status", "opens_on", "closes_on")
    list_filter = ("status", "audience", "fiscal_year")
    inlines = [QuestionInline, StatusChangeInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "survey", "key", "kind")
    list_filter = ("kind",)
    search_fields = ("text", "key")
    inlines = [OptionInline]


@admin.register(WordingFix)
class WordingFixAdmin(admin.ModelAdmin):
    list_display = ("question", "actor", "created_at")
