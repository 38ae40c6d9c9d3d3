from django.urls import path

from lksworkforce.core import policy_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("policy/suppression/", policy_views.suppression_policy, name="suppression_policy"),
]
