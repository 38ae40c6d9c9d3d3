# Type stubs for the parts of django-rules this project uses. The package ships py.typed, but
# `predicate` and `add_perm` are untyped and its names are re-exported implicitly, so strict mypy
# would treat every rule as untyped. A predicate keeps the signature of the function it wraps.
from rules.permissions import add_perm as add_perm
from rules.permissions import has_perm as has_perm
from rules.predicates import Predicate as Predicate
from rules.predicates import is_authenticated as is_authenticated
from rules.predicates import predicate as predicate
