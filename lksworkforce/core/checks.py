"""System checks (`lksw check`, run by `make test`): every model that links to a person is covered
by subject access and erasure (core/subject_access.py)."""

from typing import Any

from django.core import checks

from lksworkforce.core.subject_access import uncovered_links


@checks.register()
def personal_data_is_covered(app_configs: Any = None, **_kwargs: Any) -> list[checks.CheckMessage]:
    del app_configs  # the check is about the whole project
    return [
        checks.Error(
            f"{link} links to a person, but no app's personal_data module covers it",
            hint="Add the model to COVERS in its app's personal_data.py, with what export() shows and erase() does.",
            id="lksworkforce.E001",
        )
        for link in uncovered_links()
    ]
