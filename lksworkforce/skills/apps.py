from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "lksworkforce.skills"
    label = "skills"
    verbose_name = "Skills framework and self-assessment"
