from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "lksworkforce.surveys"
    label = "surveys"
    verbose_name = "Development needs survey"
