from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "lksworkforce.learning"
    label = "learning"
    verbose_name = "Learning catalogue, learning records and recommendations"

    def ready(self) -> None:
        from lksworkforce.learning import search_index  # noqa: F401 - connects the search index's signals
