from django.urls import path

from lksworkforce.organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/import/", views.organisation_import, name="import"),
    path("organisations/<str:ods_code>/", views.organisation_detail, name="detail"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<slug:geography>/<str:code>/", views.region_detail, name="region_detail"),
]
