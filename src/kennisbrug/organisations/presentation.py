"""Words for people about registry outcomes, shared by the pages and the API."""

from django.utils.translation import gettext as _

from .permissions import has_admin
from .services import Registration


def registration_request_message(registration: Registration) -> str:
    """Tell the person which existing organisation they asked to join, why, and who decides."""
    reasons = {
        "kbo_number": _("the same KBO/BCE number"),
        "kvk_number": _("the same KvK number"),
        "vat_number": _("the same VAT number"),
        "name": _("nearly the same name at the same postcode"),
    }
    params = {
        "name": registration.organisation.name,
        "reason": reasons.get(registration.matched_by, reasons["name"]),
    }
    if has_admin(registration.organisation):
        return (
            _(
                "%(name)s, with %(reason)s, is already registered. Instead of a copy, your "
                "request to join it has been sent to its admins."
            )
            % params
        )
    return (
        _(
            "%(name)s, with %(reason)s, is already registered. Instead of a copy, your "
            "request to join it has been sent to the programme secretariat, because the "
            "organisation has no admin yet."
        )
        % params
    )
