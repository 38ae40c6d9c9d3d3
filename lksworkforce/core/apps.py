from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lksworkforce.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from lksworkforce.core import checks  # noqa: F401 - registers the system checks
