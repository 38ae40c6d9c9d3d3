from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "lksworkforce.staffing"
    label = "staffing"
    verbose_name = "Staffing and ratios"
