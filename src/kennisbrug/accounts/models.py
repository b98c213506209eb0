"""Users, platform roles and personal API tokens.

Organisation memberships live in the organisations app (they belong to an
organisation); platform-wide roles live on the user.
"""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.validators import single_line_text


class PlatformRole(models.TextChoices):
    NONE = "", _("none")
    SECRETARIAT = "secretariat", _("programme secretariat")
    INTERMEDIARY = "intermediary", _("intermediary")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("platform_role", PlatformRole.SECRETARIAT)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. The email address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, validators=[single_line_text]
    )
    platform_role = models.CharField(
        _("platform role"), max_length=20, choices=PlatformRole.choices, blank=True, default=""
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]
    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # AbstractBaseUser keeps the new raw password in _password until save; a rehash of
        # the same password on login clears it first, so only a real change counts.
        existing = not self._state.adding
        password_changed = existing and self._password is not None
        super().save(*args, **kwargs)
        # Every entrance (allauth change and reset, admin, commands) ends in save(), so the
        # tokens die here rather than in each view.
        if existing and (password_changed or not self.is_active):
            from .services import api_tokens_revoke_all

            api_tokens_revoke_all(
                user=self, reason="password_changed" if password_changed else "deactivated"
            )

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (
            self.platform_role == PlatformRole.SECRETARIAT or self.is_superuser
        )

    @property
    def is_intermediary(self) -> bool:
        return self.is_active and self.platform_role == PlatformRole.INTERMEDIARY


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the token is shown once."""

    PREFIX = "kb_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80, validators=[single_line_text])
    key_prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Created in a session that had passed the second factor: only then may a staff
    # member's token approve or decide (core.second_factor).
    second_factor = models.BooleanField(
        _("created after second factor"), default=False, editable=False
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @classmethod
    def generate(cls) -> tuple[str, str, str]:
        """A new random token: (raw token, prefix shown in lists, hash stored)."""
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        return raw, raw[:10], _hash_token(raw)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
