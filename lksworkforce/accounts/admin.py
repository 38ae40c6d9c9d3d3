from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from lksworkforce.accounts.models import Membership, Qualification, User


class QualificationInline(admin.TabularInline[Qualification, User]):
    model = Qualification
    extra = 0


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "job_title", "band", "organisation", "is_active"]
    search_fields = ["full_name", "email"]
    list_filter = ["band", "is_active", "is_staff"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title", "band", "organisation")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [QualificationInline, MembershipInline]
    autocomplete_fields = ["organisation"]
