"""A tiny capability that exists only in the test settings: the proof that adding an app touches its
own folder and INSTALLED_APPS only (tests/contract_app/test_contract.py)."""
