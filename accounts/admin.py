from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Department, RoleAssignment, User
from .rules import mfa_satisfied

# Admin sign-in goes through allauth, so email verification, rate limits and MFA apply.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = _("Tsunagaru Kamakura portal administration")
admin.site.site_title = _("Portal administration")


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "display_name"]
    list_filter = ["is_active", "is_staff", "roles__role"]
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [RoleAssignmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


_admin_has_permission = admin.site.has_permission


def _admin_has_permission_with_mfa(request: HttpRequest) -> bool:
    """The admin shows private data too, so it asks for the same two-factor set-up."""
    return _admin_has_permission(request) and bool(mfa_satisfied(request.user))


admin.site.has_permission = _admin_has_permission_with_mfa  # type: ignore[method-assign]
