from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open() -> Iterator[None]:
    """The API tests call the WSGI handler directly, whose request signals would close the database
    connection (and with it the test's transaction, on PostgreSQL). Django's test client disconnects
    them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
