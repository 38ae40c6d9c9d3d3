"""People (who are also the accounts that sign in), their qualifications and their roles."""

from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lksworkforce.accounts.people import AFC_BANDS, QualificationKind, Role, is_qualified
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.organisations.models import Organisation, Region, RegionMembership


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, viewer: AnyViewer) -> "UserQuerySet":
        """The people a viewer may see: themselves, and those in organisations they oversee."""
        if not viewer.is_authenticated:
            return self.none()
        if viewer.holds(Role.NATIONAL_TEAM):
            return self
        organisations = viewer.overseen_organisation_ids()
        return self.filter(Q(pk=viewer.pk) | Q(organisation_id__in=organisations))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def visible_to(self, viewer: AnyViewer) -> UserQuerySet:
        return self.get_queryset().visible_to(viewer)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An LKS staff member or anyone else who signs in. Email is the sign-in name."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    band = models.CharField(
        "Agenda for Change band", max_length=2, blank=True, choices=[(b, f"Band {b}") for b in AFC_BANDS]
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text="The organisation whose library and knowledge service the person works in",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("can use the admin site", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name or self.email

    # Roles. Memberships are few per person; cache them for the request.
    def _memberships(self) -> list["Membership"]:
        cached: list[Membership] | None = getattr(self, "_membership_cache", None)
        if cached is None:
            cached = list(self.memberships.select_related("organisation", "region"))
            self._membership_cache = cached
        return cached

    def holds(self, role: Role) -> bool:
        if role is Role.STAFF:
            return self.organisation_id is not None
        return any(m.role == role for m in self._memberships())

    def managed_organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self._memberships() if m.role == Role.SERVICE_MANAGER and m.organisation_id}

    def led_region_ids(self) -> set[int]:
        return {m.region_id for m in self._memberships() if m.role == Role.REGIONAL_LEAD and m.region_id}

    def overseen_organisation_ids(self) -> set[int]:
        """Organisations whose people this person may see as a manager or regional lead."""
        ids = self.managed_organisation_ids()
        regions = self.led_region_ids()
        if regions:
            # A lead sees every organisation that has been in their region in any year,
            # so that history stays visible after a boundary change.
            ids |= set(RegionMembership.objects.filter(region_id__in=regions).values_list("organisation_id", flat=True))
        return ids

    def qualifications_held(self) -> list[tuple[str, date | None]]:
        return [(q.kind, q.awarded_on) for q in self.qualifications.all()]

    @property
    def is_qualified(self) -> bool:
        return is_qualified(self.qualifications_held(), timezone.localdate())


class Qualification(models.Model):
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in QualificationKind])
    awarded_on = models.DateField(
        null=True, blank=True, help_text="For a qualification being studied for, the date study started"
    )
    institution = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["awarded_on", "id"]

    def __str__(self) -> str:
        return QualificationKind(self.kind).label

    @property
    def kind_label(self) -> str:
        return QualificationKind(self.kind).label


class Membership(models.Model):
    """A role held by a person, over an organisation or a region where the role needs one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=[(r.value, r.label) for r in Role if r is not Role.STAFF])
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role=Role.SERVICE_MANAGER, organisation__isnull=False, region__isnull=True)
                    | Q(role=Role.REGIONAL_LEAD, region__isnull=False, organisation__isnull=True)
                    | Q(role__in=[Role.NATIONAL_TEAM, Role.CURATOR], organisation__isnull=True, region__isnull=True)
                ),
            ),
            # Partial constraints, because SQLite has no NULLS NOT DISTINCT.
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_per_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True, region__isnull=True),
                name="membership_unique_national",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.region
        return f"{Role(self.role).label}" + (f" of {scope}" if scope else "")


class PasswordResetRequest(models.Model):
    """One accepted request for a password-reset email, kept for an hour to limit how often they are sent.

    In the database, not the cache: the default cache is per process, so each gunicorn worker would
    keep its own count; the database is shared by every worker. The email is kept only as a keyed
    hash (enough to count requests for it), and the rows are deleted once they are an hour old.
    """

    requested_at = models.DateTimeField(db_index=True)
    address = models.GenericIPAddressField()
    email_digest = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["address", "requested_at"], name="reset_request_by_address"),
            models.Index(fields=["email_digest", "requested_at"], name="reset_request_by_email"),
        ]

    def __str__(self) -> str:
        return f"Password reset requested at {self.requested_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token: a program acting as its owner, with the owner's scope and rules.

    Only a SHA-256 hash of the secret is kept (the secret is random, so a fast hash is enough; no
    salt is needed to stop guessing). `prefix`, the secret's first characters, is shown so the person
    can tell their tokens apart and match one they hold. Revoked tokens stay, marked, for the record."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable_on(self, day: date) -> bool:
        return self.revoked_at is None and (self.expires_on is None or day <= self.expires_on)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and timezone.localdate() > self.expires_on:
            return "expired"
        return "active"
