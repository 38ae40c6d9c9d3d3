from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lksworkforce.accounts"
    label = "accounts"
    verbose_name = "People and roles"
