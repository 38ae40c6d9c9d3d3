"""Form fields built on the shared bounded parsers (core.params), so a form refuses exactly what
the API and the command line refuse, with the same words. Messages are sentences built here,
never %-formatted by Django (a bare "%" in a range message once made the form itself fail)."""

from decimal import Decimal
from typing import Any

from django import forms

from lksworkforce.core.params import MAX_YEAR, MIN_YEAR, ParamError, parse_decimal, parse_year


class BoundedDecimalField(forms.Field):
    """A plain decimal from `minimum` to `maximum` with at most `places` decimal places."""

    def __init__(
        self, *, minimum: Decimal, maximum: Decimal, places: int, what: str, example: str, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.places = minimum, maximum, places
        self.what, self.example = what, example

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(
                str(value),
                minimum=self.minimum,
                maximum=self.maximum,
                places=self.places,
                what=self.what,
                example=self.example,
            )
        except ParamError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None


class YearField(forms.Field):
    """A year from `minimum` to `maximum` (2000 to 2100 unless said)."""

    def __init__(self, *, minimum: int = MIN_YEAR, maximum: int = MAX_YEAR, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        try:
            return parse_year(str(value), minimum=self.minimum, maximum=self.maximum)
        except ParamError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None
