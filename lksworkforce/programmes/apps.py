from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "lksworkforce.programmes"
    label = "programmes"
    verbose_name = "Programmes, cohorts and facilitators"
