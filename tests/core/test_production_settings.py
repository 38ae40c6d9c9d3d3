"""Production settings believe X-Forwarded-* headers only when proxies are configured (TRUSTED_PROXY_COUNT)."""

import os
import subprocess
import sys

import pytest

SHOW = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"


def production_setting(**environment: str) -> str:
    env = {
        **{name: value for name, value in os.environ.items() if name != "TRUSTED_PROXY_COUNT"},
        "DJANGO_SETTINGS_MODULE": "lksworkforce.config.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": "lksworkforce.example.nhs.uk",
        **environment,
    }
    done = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("proxies", "expected"), [({}, "None"), ({"TRUSTED_PROXY_COUNT": "1"}, "('HTTP_X_FORWARDED_PROTO', 'https')")]
)
def test_x_forwarded_proto_is_believed_only_behind_a_trusted_proxy(proxies: dict[str, str], expected: str) -> None:
    assert production_setting(**proxies) == expected
