"""The organisations a person may bulk-import records for, and finding one from a cell.

Public for the apps whose records belong to an organisation (facilities, living labs,
trainings, vacancies): the secretariat (or the operator, `user` None) may import for
any organisation, an organisation admin only for the organisations they administer;
`organisation_id` narrows either to one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.imports.kinds import ImportKind
from kennisbrug.core.imports.names import name_key
from kennisbrug.core.imports.owned import OwnedSpec, owned_commit, owned_export, owned_preview

from ..constants import MembershipRole, MembershipStatus
from ..identifiers import kbo_compact, kvk_compact
from ..models import Membership, Organisation


def admin_organisations(user):
    """Organisations where `user` is an active admin."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role=MembershipRole.ADMIN,
    ).distinct()


def allowed_organisations(user, organisation_id: int | None = None):
    if user is None or getattr(user, "is_secretariat", False):
        queryset = Organisation.objects.all()
    else:
        queryset = admin_organisations(user)
    if organisation_id is not None:
        queryset = queryset.filter(pk=organisation_id)
    return queryset


def admin_choices(user) -> list[tuple[int, str]]:
    """(id, name) of the organisations `user` administers: an admin's import scopes."""
    # Asked by every signed-in page (may the menu show "Import") and by the import services,
    # so it reads the memberships afresh (no per-request memo: a permission), in one join.
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(
            user=user, status=MembershipStatus.ACTIVE, role=MembershipRole.ADMIN
        )
        .order_by("organisation__name", "organisation_id")
        .values_list("organisation_id", "organisation__name")
    )


class Owners:
    """Owners by KBO/KvK number or by name, among the organisations `user` may import for."""

    def __init__(self, user, organisation_id: int | None = None):
        self.by_key: dict[str, Organisation | None] = {}
        self.allowed = list(allowed_organisations(user, organisation_id))
        for organisation in self.allowed:
            for key in (
                organisation.kbo_number,
                organisation.kvk_number,
                name_key(organisation.name),
            ):
                if key:
                    # Two organisations with one name: the name does not say which.
                    self.by_key[key] = None if key in self.by_key else organisation

    def find(self, text: str) -> Organisation:
        if not text:
            if len(self.allowed) == 1:
                return self.allowed[0]
            raise ValidationError(_("Name the organisation this row belongs to."))
        for compact in (kbo_compact, kvk_compact):
            try:
                key = compact(text)
            except ValidationError:
                continue
            if key in self.by_key and self.by_key[key] is not None:
                return self.by_key[key]  # type: ignore[return-value]
        found = self.by_key.get(name_key(text))
        if found is None:
            raise ValidationError(
                _(
                    "“%(value)s” is not an organisation you may import for; "
                    "use its exact name or its KBO/BCE or KvK number."
                )
                % {"value": text[:80]}
            )
        return found


def owned_kind(spec: OwnedSpec, *, key: str, label, help, order: int, notes=None) -> ImportKind:
    """An ImportKind for records owned by an organisation, run by core.imports.owned."""

    def owners(user, organisation_id):
        if user is not None and not (
            getattr(user, "is_secretariat", False) or admin_organisations(user).exists()
        ):
            raise PermissionDenied
        return Owners(user, organisation_id)

    def preview(*, content, filename, user, organisation_id=None, progress=None):
        return owned_preview(
            spec,
            content=content,
            filename=filename,
            owners=owners(user, organisation_id),
            progress=progress,
        )

    def commit(*, content, filename, user, organisation_id=None, fingerprint):
        return owned_commit(
            spec,
            content=content,
            filename=filename,
            owners=owners(user, organisation_id),
            user=user,
            fingerprint=fingerprint,
        )

    def template(*, file_format, language=None):
        return owned_export(
            spec,
            file_format=file_format,
            queryset=spec.model.objects.none(),
            template=True,
            language=language,
        )

    def export(*, file_format, user, organisation_id=None, language=None):
        allowed = allowed_organisations(user, organisation_id)
        queryset = spec.model.objects.filter(**{f"{spec.owner_field}__in": allowed})
        return owned_export(spec, file_format=file_format, queryset=queryset, language=language)

    return ImportKind(
        key=key,
        label=label,
        help=help,
        preview=preview,
        commit=commit,
        template=template,
        export=export,
        organisations=admin_choices,
        notes=notes,
        order=order,
    )
