from django.apps import AppConfig


class ContractAppConfig(AppConfig):
    name = "tests.contract_app"
    label = "contract_app"
    verbose_name = "The app contract's test capability"
