from django.apps import AppConfig


class NonprodConfig(AppConfig):
    """Demo data commands. Listed in INSTALLED_APPS by the local and test settings only."""

    name = "lksworkforce.nonprod"
    label = "nonprod"
    verbose_name = "Demo data (not for production)"
