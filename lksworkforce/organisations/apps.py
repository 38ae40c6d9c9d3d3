from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lksworkforce.organisations"
    label = "organisations"
    verbose_name = "Organisations and regions"
