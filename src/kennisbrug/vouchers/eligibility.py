"""The automatic eligibility check: every rule of a scheme, each with its reason.

check_application returns one RuleResult per rule; an application is eligible
when all pass. Submission and approval both run it (approval without the
"scheme open" rule: a call may close while applications are being decided).
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.money import format_money
from kennisbrug.organisations.constants import OrganisationType

from . import selectors
from .constants import AidRegime, ProviderRule
from .money import percent, share

OK, NO = "✓", "✗"


@dataclass(frozen=True)
class RuleResult:
    code: str
    passed: bool
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def _mark(passed: bool) -> str:
    return OK if passed else NO


def _country(organisation) -> str:
    names = {"NL": _("the Netherlands"), "BE": _("Belgium")}
    return names.get(organisation.country_id) or str(organisation.country)


def _scheme_open(app, today):
    scheme = app.scheme
    passed = scheme.is_open_on(today)
    return RuleResult(
        "scheme_open",
        passed,
        _("Call open from %(start)s to %(end)s, today is %(today)s: %(mark)s")
        % {
            "start": scheme.opens_on,
            "end": scheme.closes_on,
            "today": today,
            "mark": _mark(passed),
        },
    )


def _applicant_size(app, today):
    applicant, allowed = app.applicant, app.scheme.eligible_size_classes or []
    passed = applicant.type == OrganisationType.SME and applicant.size_class in allowed
    return RuleResult(
        "applicant_size",
        passed,
        _("Applicant is a %(type)s, size class “%(size)s”: %(mark)s")
        % {
            "type": applicant.get_type_display(),
            "size": applicant.get_size_class_display() or _("unknown"),
            "mark": _mark(passed),
        },
    )


def _applicant_area(app, today):
    applicant = app.applicant
    if not app.scheme.require_programme_area:
        return RuleResult("applicant_area", True, _("Any location is allowed: ✓"))
    passed = applicant.in_programme_area
    region = applicant.nuts3.name if applicant.nuts3_id else _("unknown region")
    return RuleResult(
        "applicant_area",
        passed,
        (
            _("Applicant is in %(region)s, inside the programme area: %(mark)s")
            if passed
            else _("Applicant is in %(region)s, outside the programme area: %(mark)s")
        )
        % {"region": region, "mark": _mark(passed)},
    )


def _provider(app, today):
    rule, provider, applicant = app.scheme.provider_rule, app.provider, app.applicant
    cross = provider.country_id != applicant.country_id
    is_ki = provider.type == OrganisationType.KNOWLEDGE_INSTITUTION
    where = {"provider": _country(provider), "applicant": _country(applicant)}
    if rule == ProviderRule.ACCREDITED:
        passed = app.scheme.accredited_providers.filter(pk=provider.pk).exists()
        text = (
            _("%(name)s is an accredited provider of this scheme: %(mark)s")
            if passed
            else _("%(name)s is not an accredited provider of this scheme: %(mark)s")
        )
        return RuleResult("provider", passed, text % {"name": provider.name, "mark": _mark(passed)})
    results = []
    if rule in (
        ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION,
        ProviderRule.KNOWLEDGE_INSTITUTION,
    ):
        results.append(
            (
                is_ki,
                _("%(name)s is a knowledge institution")
                if is_ki
                else _("%(name)s is not a knowledge institution"),
            )
        )
    if rule in (ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION, ProviderRule.CROSS_BORDER_ANY):
        results.append(
            (
                cross,
                _("Provider is in %(provider)s, applicant in %(applicant)s: cross-border")
                if cross
                else _("Provider and applicant are both in %(applicant)s: not cross-border"),
            )
        )
    passed = all(ok for ok, _text in results)
    message = "; ".join(text % {**where, "name": provider.name} for _ok, text in results)
    return RuleResult("provider", passed, f"{message} {_mark(passed)}")


def _partner(app, today):
    if not app.scheme.requires_partner_sme:
        return None
    partner, applicant = app.partner, app.applicant
    if partner is None:
        return RuleResult(
            "partner",
            False,
            _("This call needs an SME partner across the border; none is given: ✗"),
        )
    passed = (
        partner.type == OrganisationType.SME
        and partner.country_id != applicant.country_id
        and partner.in_programme_area
        and partner.pk != app.provider_id
    )
    return RuleResult(
        "partner",
        passed,
        _("Partner %(name)s: SME in %(country)s, programme area %(area)s: %(mark)s")
        % {
            "name": partner.name,
            "country": _country(partner),
            "area": _("yes") if partner.in_programme_area else _("no"),
            "mark": _mark(passed),
        },
    )


def _amount(app, today):
    scheme = app.scheme
    intensity = scheme.intensity_for(app.applicant.size_class)
    ceiling = share(app.quote_amount, intensity)
    passed = (
        scheme.min_amount <= app.requested_amount <= scheme.max_amount
        and app.requested_amount <= ceiling
    )
    return RuleResult(
        "amount",
        passed,
        _(
            "Requested %(amount)s; allowed %(min)s to %(max)s and at most %(pct)s %% of the "
            "quote (%(ceiling)s): %(mark)s"
        )
        % {
            "amount": format_money(app.requested_amount),
            "min": format_money(scheme.min_amount),
            "max": format_money(scheme.max_amount),
            "pct": percent(intensity),
            "ceiling": format_money(ceiling),
            "mark": _mark(passed),
        },
    )


def _voucher_count(app, today):
    used = selectors.applicant_voucher_count(
        scheme=app.scheme, applicant=app.applicant, exclude=app
    )
    limit = app.scheme.max_vouchers_per_applicant
    passed = used < limit
    return RuleResult(
        "voucher_count",
        passed,
        _("Applicant already has %(used)s of at most %(limit)s vouchers in this call: %(mark)s")
        % {"used": used, "limit": limit, "mark": _mark(passed)},
    )


def _annual_cap(app, today):
    cap = app.scheme.applicant_annual_cap
    if cap is None:
        return None
    used = selectors.applicant_amount_in_year(
        scheme=app.scheme, applicant=app.applicant, year=today.year, exclude=app
    )
    passed = used + app.requested_amount <= cap
    return RuleResult(
        "annual_cap",
        passed,
        _("Applicant used %(used)s of the yearly cap of %(cap)s: %(mark)s")
        % {"used": format_money(used), "cap": format_money(cap), "mark": _mark(passed)},
    )


def _aid(app, today):
    scheme, applicant = app.scheme, app.applicant
    if scheme.aid_regime == AidRegime.DE_MINIMIS:
        ceiling = selectors.aid_ceiling(regime=AidRegime.DE_MINIMIS, on=today)
        if not app.de_minimis_declared:
            return RuleResult(
                "aid_headroom", False, _("The de minimis self-declaration is missing: ✗")
            )
        platform = selectors.aid_sum(
            organisation=applicant, regime=AidRegime.DE_MINIMIS, on=today, exclude=app
        )
        headroom = max(ceiling - platform - app.de_minimis_other_aid, 0)
        label = _("De minimis headroom")
    else:
        ceiling = selectors.aid_ceiling(regime=AidRegime.GBER_ART28, on=today)
        platform = selectors.aid_sum(
            organisation=applicant, regime=AidRegime.GBER_ART28, on=today, exclude=app
        )
        headroom = max(ceiling - platform, 0)
        label = _("GBER article 28 headroom")
    passed = app.requested_amount <= headroom
    return RuleResult(
        "aid_headroom",
        passed,
        (
            _("%(label)s %(headroom)s ≥ requested: %(mark)s")
            if passed
            else _("%(label)s %(headroom)s < requested: %(mark)s")
        )
        % {"label": label, "headroom": format_money(headroom), "mark": _mark(passed)},
    )


def _attachments(app, today):
    required = [kind for kind in app.scheme.required_attachments if kind != "invoice"]
    if not required:
        return None
    present = set(app.attachments.values_list("kind", flat=True)) if app.pk else set()
    missing = [kind for kind in required if kind not in present]
    from .constants import AttachmentKind

    names = ", ".join(str(AttachmentKind(kind).label) for kind in missing)
    return RuleResult(
        "attachments",
        not missing,
        _("Required attachments present: ✓")
        if not missing
        else _("Missing attachments: %(names)s: ✗") % {"names": names},
    )


def _budget(app, today):
    available = selectors.scheme_totals(scheme=app.scheme)["available"]
    passed = app.requested_amount <= available
    return RuleResult(
        "budget",
        passed,
        _("Budget still available in the call: %(available)s: %(mark)s")
        % {"available": format_money(available), "mark": _mark(passed)},
    )


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
