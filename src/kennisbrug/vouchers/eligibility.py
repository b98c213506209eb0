"""The automatic eligibility check: every rule of a scheme, each with its reason.

check_application returns one RuleResult per rule; an application is eligible
when all pass. Submission and approval both run it (approval without the
"scheme open" rule: a call may close while applications are being decided).

A reason is kept as message keys with parameters (`parts`), not as text: the stored
check of an application reads in the language of whoever opens it (see
`render_reason`). Parameters that need words (dates, amounts, size classes,
countries, regions) are stored as typed values and put into words when rendered.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import region_name
from kennisbrug.core.money import format_money
from kennisbrug.organisations.constants import OrganisationType, SizeClass

from . import selectors
from .constants import AidRegime, AttachmentKind, ProviderRule
from .money import percent, share

OK, NO = "✓", "✗"

# Every reason the check gives, by key. The msgids are the catalogue's: changing one
# here needs its Dutch translation too.
MESSAGES = {
    "scheme_open": _("Call open from %(start)s to %(end)s, today is %(today)s: %(mark)s"),
    "applicant_size": _("Applicant is a %(type)s, size class “%(size)s”: %(mark)s"),
    "area_any": _("Any location is allowed: ✓"),
    "area_inside": _("Applicant is in %(region)s, inside the programme area: %(mark)s"),
    "area_outside": _("Applicant is in %(region)s, outside the programme area: %(mark)s"),
    "provider_accredited": _("%(name)s is an accredited provider of this scheme: %(mark)s"),
    "provider_not_accredited": _("%(name)s is not an accredited provider of this scheme: %(mark)s"),
    "provider_ki": _("%(name)s is a knowledge institution"),
    "provider_not_ki": _("%(name)s is not a knowledge institution"),
    "cross_border": _("Provider is in %(provider)s, applicant in %(applicant)s: cross-border"),
    "not_cross_border": _("Provider and applicant are both in %(applicant)s: not cross-border"),
    "mark": "%(mark)s",
    "partner_missing": _("This call needs an SME partner across the border; none is given: ✗"),
    "partner": _("Partner %(name)s: SME in %(country)s, programme area %(area)s: %(mark)s"),
    "amount": _(
        "Requested %(amount)s; allowed %(min)s to %(max)s and at most %(pct)s %% of the "
        "quote (%(ceiling)s): %(mark)s"
    ),
    "voucher_count": _(
        "Applicant already has %(used)s of at most %(limit)s vouchers in this call: %(mark)s"
    ),
    "annual_cap": _("Applicant used %(used)s of the yearly cap of %(cap)s: %(mark)s"),
    "declaration_missing": _("The de minimis self-declaration is missing: ✗"),
    "headroom_enough": _("%(label)s %(headroom)s ≥ requested: %(mark)s"),
    "headroom_short": _("%(label)s %(headroom)s < requested: %(mark)s"),
    "attachments_present": _("Required attachments present: ✓"),
    "attachments_missing": _("Missing attachments: %(names)s: ✗"),
    "budget": _("Budget still available in the call: %(available)s: %(mark)s"),
}

HEADROOM_LABELS = {
    AidRegime.DE_MINIMIS: _("De minimis headroom"),
    AidRegime.GBER_ART28: _("GBER article 28 headroom"),
}
COUNTRY_NAMES = {"NL": _("the Netherlands"), "BE": _("Belgium")}


def _words(kind: str, value) -> str:
    """A typed parameter in the reader's language."""
    if kind == "date":
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if kind == "money":
        return format_money(Decimal(value))
    if kind == "percent":
        return formats.localize(Decimal(value))
    if kind == "size_class":
        return str(SizeClass(value).label) if value in SizeClass.values else str(_("unknown"))
    if kind == "organisation_type":
        return str(OrganisationType(value).label) if value in OrganisationType.values else value
    if kind == "country":
        return str(COUNTRY_NAMES.get(value, value))
    if kind == "region":
        return region_name(value) if value else str(_("unknown region"))
    if kind == "yes_no":
        return str(_("yes") if value else _("no"))
    if kind == "headroom_label":
        return str(HEADROOM_LABELS.get(value, value))
    if kind == "attachments":
        return ", ".join(
            str(AttachmentKind(v).label) if v in AttachmentKind.values else v for v in value
        )
    return str(value)


def render_part(key: str, params: dict) -> str:
    values = {
        name: _words(*value) if isinstance(value, list | tuple) and len(value) == 2 else value
        for name, value in params.items()
    }
    return str(MESSAGES[key]) % values


def render_reason(result: dict) -> str:
    """A stored rule result as a sentence in the active language. Results stored
    before reasons had keys hold only their (Dutch) `message`, shown as it is."""
    parts = result.get("parts")
    if not parts or any(part.get("key") not in MESSAGES for part in parts):
        return result.get("message", "")
    texts = [render_part(part["key"], part.get("params", {})) for part in parts]
    if result.get("mark_after"):
        return "; ".join(texts[:-1]) + " " + texts[-1]
    return "; ".join(texts)


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome: `parts` are `(key, params)` pairs of MESSAGES; a param that
    needs words is a `(kind, value)` pair (see `_words`)."""

    code: str
    passed: bool
    parts: list = field(default_factory=list)
    mark_after: bool = False

    def as_dict(self) -> dict:
        stored = {
            "code": self.code,
            "passed": self.passed,
            "parts": [{"key": key, "params": params} for key, params in self.parts],
            "mark_after": self.mark_after,
        }
        return {**stored, "message": render_reason(stored)}

    @property
    def message(self) -> str:
        return self.as_dict()["message"]


def _mark(passed: bool) -> str:
    return OK if passed else NO


def _one(code: str, passed: bool, key: str, **params) -> RuleResult:
    return RuleResult(code, passed, [(key, params)])


def _scheme_open(app, today):
    scheme = app.scheme
    passed = scheme.is_open_on(today)
    return _one(
        "scheme_open",
        passed,
        "scheme_open",
        start=("date", scheme.opens_on.isoformat()),
        end=("date", scheme.closes_on.isoformat()),
        today=("date", today.isoformat()),
        mark=_mark(passed),
    )


def _applicant_size(app, today):
    applicant, allowed = app.applicant, app.scheme.eligible_size_classes or []
    passed = applicant.type == OrganisationType.SME and applicant.size_class in allowed
    return _one(
        "applicant_size",
        passed,
        "applicant_size",
        type=("organisation_type", applicant.type),
        size=("size_class", applicant.size_class or ""),
        mark=_mark(passed),
    )


def _applicant_area(app, today):
    applicant = app.applicant
    if not app.scheme.require_programme_area:
        return _one("applicant_area", True, "area_any")
    passed = applicant.in_programme_area
    return _one(
        "applicant_area",
        passed,
        "area_inside" if passed else "area_outside",
        region=("region", applicant.nuts3_id or ""),
        mark=_mark(passed),
    )


def _provider(app, today):
    rule, provider, applicant = app.scheme.provider_rule, app.provider, app.applicant
    cross = provider.country_id != applicant.country_id
    is_ki = provider.type == OrganisationType.KNOWLEDGE_INSTITUTION
    if rule == ProviderRule.ACCREDITED:
        passed = app.scheme.accredited_providers.filter(pk=provider.pk).exists()
        return _one(
            "provider",
            passed,
            "provider_accredited" if passed else "provider_not_accredited",
            name=provider.name,
            mark=_mark(passed),
        )
    results = []
    if rule in (
        ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION,
        ProviderRule.KNOWLEDGE_INSTITUTION,
    ):
        results.append(
            (is_ki, ("provider_ki" if is_ki else "provider_not_ki", {"name": provider.name}))
        )
    if rule in (ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION, ProviderRule.CROSS_BORDER_ANY):
        where = {
            "provider": ("country", provider.country_id),
            "applicant": ("country", applicant.country_id),
        }
        results.append((cross, ("cross_border" if cross else "not_cross_border", where)))
    passed = all(ok for ok, _part in results)
    parts = [part for _ok, part in results] + [("mark", {"mark": _mark(passed)})]
    return RuleResult("provider", passed, parts, mark_after=True)


def _partner(app, today):
    if not app.scheme.requires_partner_sme:
        return None
    partner, applicant = app.partner, app.applicant
    if partner is None:
        return _one("partner", False, "partner_missing")
    passed = (
        partner.type == OrganisationType.SME
        and partner.country_id != applicant.country_id
        and partner.in_programme_area
        and partner.pk != app.provider_id
    )
    return _one(
        "partner",
        passed,
        "partner",
        name=partner.name,
        country=("country", partner.country_id),
        area=("yes_no", partner.in_programme_area),
        mark=_mark(passed),
    )


def _amount(app, today):
    scheme = app.scheme
    intensity = scheme.intensity_for(app.applicant.size_class)
    ceiling = share(app.quote_amount, intensity)
    passed = (
        scheme.min_amount <= app.requested_amount <= scheme.max_amount
        and app.requested_amount <= ceiling
    )
    return _one(
        "amount",
        passed,
        "amount",
        amount=("money", str(app.requested_amount)),
        min=("money", str(scheme.min_amount)),
        max=("money", str(scheme.max_amount)),
        pct=("percent", str(percent(intensity))),
        ceiling=("money", str(ceiling)),
        mark=_mark(passed),
    )


def _voucher_count(app, today):
    used = selectors.applicant_voucher_count(
        scheme=app.scheme, applicant=app.applicant, exclude=app
    )
    limit = app.scheme.max_vouchers_per_applicant
    passed = used < limit
    return _one(
        "voucher_count", passed, "voucher_count", used=used, limit=limit, mark=_mark(passed)
    )


def _annual_cap(app, today):
    cap = app.scheme.applicant_annual_cap
    if cap is None:
        return None
    used = selectors.applicant_amount_in_year(
        scheme=app.scheme, applicant=app.applicant, year=today.year, exclude=app
    )
    passed = used + app.requested_amount <= cap
    return _one(
        "annual_cap",
        passed,
        "annual_cap",
        used=("money", str(used)),
        cap=("money", str(cap)),
        mark=_mark(passed),
    )


def _aid(app, today):
    scheme, applicant = app.scheme, app.applicant
    if scheme.aid_regime == AidRegime.DE_MINIMIS:
        ceiling = selectors.aid_ceiling(regime=AidRegime.DE_MINIMIS, on=today)
        if not app.de_minimis_declared:
            return _one("aid_headroom", False, "declaration_missing")
        platform = selectors.aid_sum(
            organisation=applicant, regime=AidRegime.DE_MINIMIS, on=today, exclude=app
        )
        headroom = max(ceiling - platform - app.de_minimis_other_aid, 0)
    else:
        ceiling = selectors.aid_ceiling(regime=AidRegime.GBER_ART28, on=today)
        platform = selectors.aid_sum(
            organisation=applicant, regime=AidRegime.GBER_ART28, on=today, exclude=app
        )
        headroom = max(ceiling - platform, 0)
    passed = app.requested_amount <= headroom
    return _one(
        "aid_headroom",
        passed,
        "headroom_enough" if passed else "headroom_short",
        label=("headroom_label", scheme.aid_regime),
        headroom=("money", str(headroom)),
        mark=_mark(passed),
    )


def _attachments(app, today):
    required = [kind for kind in app.scheme.required_attachments if kind != "invoice"]
    if not required:
        return None
    present = set(app.attachments.values_list("kind", flat=True)) if app.pk else set()
    missing = [kind for kind in required if kind not in present]
    if not missing:
        return _one("attachments", True, "attachments_present")
    return _one("attachments", False, "attachments_missing", names=("attachments", missing))


def _budget(app, today):
    available = selectors.scheme_totals(scheme=app.scheme)["available"]
    passed = app.requested_amount <= available
    return _one("budget", passed, "budget", available=("money", str(available)), mark=_mark(passed))


RULES = [
    _scheme_open,
    _applicant_size,
    _applicant_area,
    _provider,
    _partner,
    _amount,
    _voucher_count,
    _annual_cap,
    _aid,
    _attachments,
    _budget,
]


def check_application(
    application, *, today: dt.date | None = None, for_approval: bool = False
) -> list[RuleResult]:
    today = today or timezone.localdate()
    results = []
    for check in RULES:
        if for_approval and check is _scheme_open:
            continue
        result = check(application, today)
        if result is not None:
            results.append(result)
    return results


def is_eligible(results: list[RuleResult]) -> bool:
    return all(result.passed for result in results)
