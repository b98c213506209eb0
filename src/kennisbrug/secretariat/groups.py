"""The staff group "Secretariaat" and who is in it.

The back office is read-mostly: the group may view what a secretariat needs and
change only what an admin action or form routes through a service (organisations,
membership requests). Personal data of people seeking work is left out.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

GROUP_NAME = "Secretariaat"

VIEW_APPS = (
    "core",
    "accounts",
    "organisations",
    "innovation",
    "facilities",
    "vouchers",
    "projects",
    "skills",
    "indicators",
)
# Personal data (profiles, participations, contact requests) and token hashes.
NOT_VIEWED = {
    ("accounts", "apitoken"),
    ("skills", "profile"),
    ("skills", "profileskill"),
    ("skills", "profileoccupation"),
    ("skills", "trainingparticipation"),
    ("skills", "vacancycontact"),
}
CHANGES = {("organisations", "organisation"), ("organisations", "membership")}


def secretariat_permissions():
    views = Permission.objects.filter(
        content_type__app_label__in=VIEW_APPS, codename__startswith="view_"
    ).select_related("content_type")
    chosen = [
        p for p in views if (p.content_type.app_label, p.content_type.model) not in NOT_VIEWED
    ]
    changes = Q()
    for app_label, model in CHANGES:
        changes |= Q(content_type__app_label=app_label, codename=f"change_{model}")
    return chosen + list(Permission.objects.filter(changes))


def group_ensure() -> Group:
    """Create or update the group with exactly the permissions above (idempotent)."""
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(secretariat_permissions())
    return group


def on_post_migrate(sender, using="default", **kwargs) -> None:
    group_ensure()


def on_user_saved(sender, instance, **kwargs) -> None:
    """Staff with the secretariat role are in the group (kwargs: created, raw, ...)."""
    if kwargs.get("raw"):
        return
    if instance.is_staff and instance.is_secretariat:
        group = Group.objects.filter(name=GROUP_NAME).first() or group_ensure()
        instance.groups.add(group)
