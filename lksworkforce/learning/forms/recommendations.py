"""The weights form: each weight a number from 0 to 1,000 with at most 2 decimal places."""

from decimal import Decimal
from typing import Any

from lksworkforce.core.params import ParamError, parse_decimal
from lksworkforce.learning.presenters.recommendations import WEIGHT_LABELS
from lksworkforce.learning.scoring import HIGHEST_WEIGHT, Weights


def weights_from(data: Any) -> tuple[dict[str, float], dict[str, str]]:
    """The weights sent, and why any cannot be saved (by field name)."""
    values: dict[str, float] = {}
    problems: dict[str, str] = {}
    for name in Weights.names():
        try:
            value = parse_decimal(
                data.get(name),
                minimum=Decimal(0),
                maximum=Decimal(int(HIGHEST_WEIGHT)),
                places=2,
                what=f"The weight for “{WEIGHT_LABELS[name].lower()}”",
                example="2.5",
            )
        except ParamError as problem:
            problems[name] = str(problem)
        else:
            values[name] = float(value)
    return values, problems
