from django.contrib import admin

from lksworkforce.organisations.models import Geography, Organisation, Region, RegionMembership


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["ods_code", "name", "type", "opened_on", "closed_on"]
    search_fields = ["ods_code", "name"]
    list_filter = ["type"]


@admin.register(Geography)
class GeographyAdmin(admin.ModelAdmin[Geography]):
    list_display = ["key", "name", "in_use_from", "in_use_until"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name", "geography"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(admin.ModelAdmin[RegionMembership]):
    list_display = ["organisation", "region", "year"]
    list_filter = ["year", "geography"]
