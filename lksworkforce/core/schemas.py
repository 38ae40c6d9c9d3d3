"""Types for the API's input schemas, built on the same rules as core.params and the forms.

`Annotated[str, Text(2000, "The reflection")]` is a string of at most 2,000 characters with
nothing a database cannot store (NUL, unpaired surrogates): anything else is a 422 naming the
field, in the words core.params.check_text uses for forms too, and the OpenAPI schema shows the
limit as `maxLength`. Every string an API operation accepts is one of these, with the limit its
form and model column have (one definition of each limit, imported by both). Every body an
operation reads is a `BodyIn`."""

from typing import Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from lksworkforce.core.params import ParamError, check_text

LARGEST_INTEGER = 2**31 - 1  # the largest id or edit_version an integer column holds on both databases


class Text:
    """Pydantic metadata for `Annotated[str, Text(max_length, what)]`."""

    def __init__(self, max_length: int, what: str = "The text") -> None:
        self.max_length, self.what = max_length, what

    def _check(self, text: str) -> str:
        try:
            return check_text(text, max_length=self.max_length, what=self.what)
        except ParamError as problem:
            raise PydanticCustomError(f"text_{problem.kind}", str(problem)) from None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, core_schema.str_schema())

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["maxLength"] = self.max_length
        return json_schema


class BodyIn(Schema):
    """A JSON object sent to the API, and nothing else: ninja's Schema reads the attributes of any
    value, so a schema whose fields all have defaults would otherwise take `42` or `[]` for `{}`."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: object) -> object:
        if not isinstance(value._obj if isinstance(value, DjangoGetter) else value, dict):
            raise PydanticCustomError("object_type", "Send a JSON object")
        return value
