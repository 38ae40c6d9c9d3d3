"""factory_boy factories for the models every test needs."""

from typing import TYPE_CHECKING

from factory.declarations import PostGeneration, PostGenerationMethodCall, Sequence, SubFactory
from factory.django import DjangoModelFactory

from lksworkforce.accounts.models import Membership, Qualification, User
from lksworkforce.accounts.people import Role
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Geography, Organisation, Region, RegionMembership

if TYPE_CHECKING:
    from tests.conftest import World

TEST_PASSWORD = "correct-horse-battery-staple"


def current_region(code: str = "Y56") -> Region:
    return Region.objects.get(geography__key=CURRENT_GEOGRAPHY_KEY, code=code)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("ods_code",)

    ods_code = Sequence(lambda n: f"R{n // 36 % 36:X}{n % 36:X}"[:3] if n < 1296 else f"T{n:04d}"[:5])
    name = Sequence(lambda n: f"Test Hospitals {n} NHS Trust")
    type = OrganisationType.ACUTE.value


def place_in_region(organisation: Organisation, region: Region, year: int) -> RegionMembership:
    membership, _ = RegionMembership.objects.update_or_create(
        organisation=organisation, geography=region.geography, year=year, defaults={"region": region}
    )
    return membership


def _save_when_created(user: User, create: bool, extracted: object, **kwargs: object) -> None:
    """Save once the password is set (the factory skips its own save after post-generation)."""
    if create:
        user.save()


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"person{n}@example.nhs.uk")
    full_name = Sequence(lambda n: f"Test Person {n}")
    job_title = "Librarian"
    band = "6"
    organisation = SubFactory(OrganisationFactory)
    password = PostGenerationMethodCall("set_password", TEST_PASSWORD)
    saved = PostGeneration(_save_when_created)


class QualificationFactory(DjangoModelFactory[Qualification]):
    class Meta:
        model = Qualification

    person = SubFactory(UserFactory)
    kind = "chartered"


def grant(user: User, role: Role, *, organisation: Organisation | None = None, region: Region | None = None) -> User:
    Membership.objects.create(user=user, role=role.value, organisation=organisation, region=region)
    if hasattr(user, "_membership_cache"):
        del user._membership_cache
    return user


def publish_staffing_figures(world: "World", year: int) -> None:
    """A census and one published, counted return for each of the world's three organisations."""
    from decimal import Decimal

    from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus, WorkforceCensus

    for organisation, nhs_wte in ((world.london_a, "5000"), (world.london_b, "2500"), (world.north_west, "3000")):
        WorkforceCensus.objects.create(organisation=organisation, year=year, nhs_wte=Decimal(nhs_wte))
        lks_return = LksReturn.objects.create(
            organisation=organisation, year=year, status=ReturnStatus.PUBLISHED, is_counted=True
        )
        LksPost.objects.create(
            lks_return=lks_return,
            post_title="Librarian",
            role="librarian",
            band="6",
            wte=Decimal("1.00"),
            qualification="chartered",
        )


__all__ = [
    "Geography",
    "OrganisationFactory",
    "QualificationFactory",
    "UserFactory",
    "current_region",
    "grant",
    "place_in_region",
]
