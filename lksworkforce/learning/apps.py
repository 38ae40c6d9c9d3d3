from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "lksworkforce.learning"
    label = "learning"
    verbose_name = "Learning catalogue, learning records and recommendations"
