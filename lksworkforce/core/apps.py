from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lksworkforce.core"
    label = "core"
    verbose_name = "Core"
