"""The secretariat's own cards in the work queue (core.work_queue): vouchers, bookings,
introductions and membership requests. Each shows a count and the first items."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kennisbrug.core.work_queue import Card, Item
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.permissions import has_conflict_of_interest

from . import selectors
from .data_quality import data_quality_card

SHOWN = 10


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def voucher_role(*, user, application) -> str:
    """The part `user` plays in the four-eyes decision on `application`, in words."""
    if has_conflict_of_interest(user, application):
        return _("You are involved in this application: someone else must handle it.")
    if application.status == ApplicationStatus.SUBMITTED:
        return _("First review")
    if application.reviewed_by_id == user.pk:
        return _("You reviewed this; another reviewer must decide.")
    return _("Second decision (four-eyes)")


def vouchers_card(*, user) -> Card:
    queryset = selectors.vouchers_awaiting()
    items = [
        Item(
            label=f"{app.title} — {app.applicant.name}",
            url=reverse("vouchers:application_detail", args=[app.pk]),
            note=voucher_role(user=user, application=app),
        )
        for app in queryset[:SHOWN]
    ]
    return Card(
        title=_("Voucher applications awaiting review or decision"),
        count=queryset.count(),
        items=items,
        empty=_("No voucher application is waiting."),
        more_url=reverse("vouchers:application_list"),
        more_label=_("All voucher applications"),
    )


def bookings_card(*, user) -> Card:
    queryset = selectors.bookings_awaiting()
    items = [
        Item(
            label=f"{booking.facility.name} — {booking.organisation.name}",
            url=reverse("facilities:booking_detail", args=[booking.pk]),
            note=_("Requested for %(day)s") % {"day": _when(booking.start)},
        )
        for booking in queryset[:SHOWN]
    ]
    return Card(
        title=_("Bookings awaiting approval"),
        count=queryset.count(),
        items=items,
        empty=_("No booking is waiting for approval."),
        more_url=reverse("facilities:inbox"),
        more_label=_("All booking requests"),
    )


def _introduction_note(introduction, now) -> str:
    if introduction.expires_at <= now + selectors.EXPIRING_WITHIN:
        return _("Expires on %(day)s") % {"day": _when(introduction.expires_at)}
    return _("Unanswered since %(day)s") % {"day": _when(introduction.created_at)}


def introductions_card(*, user) -> Card:
    now = timezone.now()
    queryset = selectors.introductions_attention(now=now)
    items = [
        Item(
            label=f"{intro.requester_organisation.name} → {intro.provider_organisation.name}",
            url=reverse("innovation:introduction", args=[intro.pk]),
            note=_introduction_note(intro, now),
        )
        for intro in queryset[:SHOWN]
    ]
    return Card(
        title=_("Introductions stuck or about to expire"),
        count=queryset.count(),
        items=items,
        empty=_("No introduction needs attention."),
        more_url=reverse("innovation:introductions"),
        more_label=_("All introductions"),
    )


def _forward_note(introduction) -> str:
    provider = introduction.provider_organisation
    contact = provider.email or provider.phone or provider.website
    if contact:
        return _(
            "Asked on %(day)s; the organisation has no members: forward it to %(contact)s."
        ) % {"day": _when(introduction.created_at), "contact": contact}
    return _(
        "Asked on %(day)s; the organisation has no members and no contact details: "
        "find a contact and forward it."
    ) % {"day": _when(introduction.created_at)}


def introductions_without_recipient_card(*, user) -> Card:
    queryset = selectors.introductions_without_recipient()
    items = [
        Item(
            label=f"{intro.requester_organisation.name} → {intro.provider_organisation.name}",
            url=reverse("innovation:introduction", args=[intro.pk]),
            note=_forward_note(intro),
        )
        for intro in queryset[:SHOWN]
    ]
    return Card(
        title=_("Introductions without recipient"),
        count=queryset.count(),
        items=items,
        empty=_("Every open introduction has someone to answer it."),
    )


def memberships_card(*, user) -> Card:
    queryset = selectors.membership_requests()
    items = [
        Item(
            label=f"{membership.user.email} → {membership.organisation.name}",
            url=reverse("admin:organisations_membership_change", args=[membership.pk]),
            note=(
                _("Waiting for the organisation's admin")
                if getattr(membership, "organisation_has_admin", False)
                else _("The organisation has no admin: the secretariat decides")
            ),
        )
        for membership in queryset[:SHOWN]
    ]
    return Card(
        title=_("Membership requests"),
        count=queryset.count(),
        items=items,
        empty=_("No membership request is waiting."),
        more_url=reverse("admin:organisations_membership_changelist") + "?status__exact=pending",
        more_label=_("All membership requests in the back office"),
    )


BUILT_IN = [
    ("vouchers", vouchers_card),
    ("bookings", bookings_card),
    ("introductions_without_recipient", introductions_without_recipient_card),
    ("introductions", introductions_card),
    ("memberships", memberships_card),
    ("data_quality", data_quality_card),
]
