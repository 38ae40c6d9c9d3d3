from django.urls import path

from tests.contract_app import views

app_name = "contract_app"
urlpatterns = [path("contract-probe/", views.probe, name="probe")]
