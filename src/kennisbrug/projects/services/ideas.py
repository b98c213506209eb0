"""Writes for project ideas, their partners, fit checks and partner invitations.

Every service checks permission (``PermissionDenied``) and input (``ValidationError``
with a message per field) before it writes, and writes in one transaction.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.models import Country, Nuts3Region
from kennisbrug.core.money import CENT, MAX_AMOUNT, format_money, round_money
from kennisbrug.matching.engine.analysis import clean_text
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from ..constants import PartnerRole, PartnerStatus, Visibility
from ..fitcheck import PartnerSpec, fit_check
from ..models import IdeaPartner, ProjectIdea
from ..permissions import can_edit_idea, invite_refusal

IDEA_TEXT_FIELDS = ("title", "summary", "problem", "activities", "expected_results")
IDEA_LIMITS = {
    "title": 200,
    "summary": 2000,
    "problem": 5000,
    "activities": 5000,
    "expected_results": 5000,
}


def _clean(value: str) -> str:
    return clean_text(value or "", max_chars=100_000).strip()


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except Exception as exc:
        raise ValidationError({field: [_("Enter an amount in euros, like 12500.00.")]}) from exc
    if not amount.is_finite():
        raise ValidationError({field: [_("Enter an amount in euros, like 12500.00.")]})
    if amount < 0:
        raise ValidationError({field: [_("Amounts cannot be negative.")]})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: [_("This amount is too large.")]})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: [_("Use at most two decimals (cents).")]})
    return round_money(amount)


def _validate_texts(values: dict) -> dict:
    errors, out = {}, {}
    for field in IDEA_TEXT_FIELDS:
        if field not in values:
            continue
        text = _clean(values[field])
        if len(text) > IDEA_LIMITS[field]:
            errors[field] = [
                _("This text is too long (at most %(n)s characters).") % {"n": IDEA_LIMITS[field]}
            ]
        out[field] = text
    for field in ("title", "summary"):
        if field in out and not out[field]:
            errors[field] = [_("This field is required; an empty idea cannot be checked.")]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def idea_create(
    *,
    lead_organisation: Organisation,
    created_by,
    title: str,
    summary: str,
    problem: str = "",
    activities: str = "",
    expected_results: str = "",
    sectors=(),
    technologies=(),
    total_budget=None,
    visibility: str = Visibility.PRIVATE,
    is_demo: bool = False,
) -> ProjectIdea:
    """Create an idea led by ``lead_organisation``; the creator must be its active member.

    The lead organisation becomes the idea's lead partner. Raises PermissionDenied or
    ValidationError (empty title/summary, over-long text, negative budget, bad visibility).
    """
    if not is_demo and not is_member(created_by, lead_organisation):
        raise PermissionDenied(_("Only members of the lead organisation can create its ideas."))
    texts = _validate_texts(
        {
            "title": title,
            "summary": summary,
            "problem": problem,
            "activities": activities,
            "expected_results": expected_results,
        }
    )
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": [_("Choose a valid visibility.")]})
    idea = ProjectIdea(
        lead_organisation=lead_organisation,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        total_budget=_money(total_budget, "total_budget")
        if total_budget not in (None, "")
        else None,
        visibility=visibility,
        is_demo=is_demo,
        **texts,
    )
    idea.full_clean()
    idea.save()
    idea.sectors.set(sectors)
    idea.technologies.set(technologies)
    IdeaPartner.objects.create(
        idea=idea,
        organisation=lead_organisation,
        name=lead_organisation.name,
        role=PartnerRole.LEAD,
        org_type=lead_organisation.type,
        country=lead_organisation.country,
        nuts3=lead_organisation.nuts3,
        status=PartnerStatus.ACCEPTED,
    )
    audit_record(actor=created_by, action="idea_created", obj=idea)
    return idea


@transaction.atomic
def idea_update(
    *, idea: ProjectIdea, user, sectors=None, technologies=None, **fields
) -> ProjectIdea:
    """Change an idea's texts, visibility, status or total budget; lead members only."""
    if not can_edit_idea(user, idea):
        raise PermissionDenied(_("Only members of the lead organisation can edit this idea."))
    allowed = set(IDEA_TEXT_FIELDS) | {"visibility", "status", "total_budget"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({f: [_("This field cannot be changed.")] for f in unknown})
    for field, value in _validate_texts(fields).items():
        setattr(idea, field, value)
    if "total_budget" in fields:
        idea.total_budget = (
            _money(fields["total_budget"], "total_budget")
            if fields["total_budget"] not in (None, "")
            else None
        )
        _check_budget_total(idea, extra=Decimal("0"))
    for field in ("visibility", "status"):
        if field in fields:
            setattr(idea, field, fields[field])
    idea.full_clean()
    idea.save()
    if sectors is not None:
        idea.sectors.set(sectors)
    if technologies is not None:
        idea.technologies.set(technologies)
    audit_record(actor=user, action="idea_updated", obj=idea, data={"fields": sorted(fields)})
    return idea


@transaction.atomic
def idea_delete(*, idea: ProjectIdea, user) -> None:
    if not can_edit_idea(user, idea):
        raise PermissionDenied(_("Only members of the lead organisation can delete this idea."))
    audit_record(actor=user, action="idea_deleted", obj=idea, data={"title": idea.title})
    idea.delete()


def partner_budgets_check(
    *, budgets: Iterable[Decimal | None], total: Decimal | None, field: str = "budget"
) -> None:
    """The partners' budgets together may not exceed the project's total eligible costs.

    Less is allowed: a consortium is often still incomplete. Raises ValidationError
    keyed by `field`; no total means nothing to check.
    """
    if total is None:
        return
    partners_sum = sum((b or Decimal("0") for b in budgets), Decimal("0"))
    if partners_sum > total:
        raise ValidationError(
            {
                field: [
                    _(
                        "Partner budgets would add up to %(sum)s, more than the idea's total eligible costs of %(total)s."
                    )
                    % {"sum": format_money(partners_sum), "total": format_money(total)}
                ]
            }
        )


def _check_budget_total(idea: ProjectIdea, *, extra: Decimal, exclude_pk=None) -> None:
    qs = idea.partners.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    partner_budgets_check(budgets=[*(p.budget for p in qs), extra], total=idea.total_budget)


@transaction.atomic
def idea_partner_add(
    *,
    idea: ProjectIdea,
    user,
    organisation: Organisation | None = None,
    name: str = "",
    country: str = "",
    nuts3: str = "",
    org_type: str = "",
    role: str = PartnerRole.PARTNER,
    budget=None,
    erdf=None,
) -> IdeaPartner:
    """Add a named outside organisation as partner, or invite a registry organisation.

    A registry organisation is invited (idea_invite_partner: lead admins only) and
    listed as invited until one of its admins accepts. Errors: not a lead member; neither organisation nor name; unknown country/region/type;
    negative or malformed amounts; ERDF above the partner's budget (over 100%); budgets
    adding up beyond the idea's total; organisation already a partner; a second lead.
    """
    idea = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if not can_edit_idea(user, idea):
        raise PermissionDenied(_("Only members of the lead organisation can change the partners."))
    refusal = invite_refusal(user, idea) if organisation is not None else None
    if refusal:
        raise PermissionDenied(refusal)
    budget_d = _money(budget, "budget")
    erdf_d = _money(erdf, "erdf")
    if erdf_d > budget_d:
        raise ValidationError(
            {
                "erdf": [
                    _(
                        "The requested ERDF cannot be more than 100 per cent of the partner's budget."
                    )
                ]
            }
        )
    if role not in PartnerRole.values:
        raise ValidationError({"role": [_("Choose a valid role.")]})
    if role == PartnerRole.LEAD:
        raise ValidationError({"role": [_("The idea already has its lead partner.")]})
    if organisation is not None:
        # A registry organisation is never listed on its lead's word alone: it is invited,
        # and is a partner once one of its admins accepts.
        if idea.partners.filter(organisation=organisation).exists():
            raise ValidationError(
                {"organisation": [_("This organisation is already on the idea or invited.")]}
            )
        _check_budget_total(idea, extra=budget_d)
        from .invitations import idea_invite_partner

        idea_invite_partner(
            idea=idea, user=user, organisation=organisation, role=role, budget=budget_d, erdf=erdf_d
        )
        partner = idea.partners.get(organisation=organisation)
        audit_record(
            actor=user,
            action="idea_partner_invited",
            obj=idea,
            data={"partner": partner.name, "organisation": organisation.pk},
        )
        return partner
    name = _clean(name)
    errors = {}
    if not name:
        errors["name"] = [_("Give the partner's name or choose an organisation from the registry.")]
    elif len(name) > 200:
        errors["name"] = [_("This text is too long (at most %(n)s characters).") % {"n": 200}]
    country_obj = Country.objects.filter(pk=(country or "").upper()).first()
    if country_obj is None:
        errors["country"] = [_("Choose a known country.")]
    nuts3_obj = None
    if nuts3:
        nuts3_obj = Nuts3Region.objects.filter(pk=nuts3.upper()).first()
        if nuts3_obj is None or (country_obj and nuts3_obj.country_id != country_obj.pk):
            errors["nuts3"] = [_("Choose a NUTS3 region of the partner's country.")]
    if org_type not in OrganisationType.values:
        errors["org_type"] = [_("Choose a valid organisation type.")]
    if errors:
        raise ValidationError(errors)
    _check_budget_total(idea, extra=budget_d)
    assert country_obj is not None  # a partner without a known country was refused above
    # A named outside organisation has nobody on the platform to ask: the lead's word
    # is all there is, so it is listed as a partner.
    partner = IdeaPartner(
        idea=idea,
        organisation=None,
        name=name,
        role=role,
        org_type=org_type,
        country=country_obj,
        nuts3=nuts3_obj,
        budget=budget_d,
        erdf=erdf_d,
        status=PartnerStatus.ACCEPTED,
    )
    partner.full_clean()
    partner.save()
    audit_record(actor=user, action="idea_partner_added", obj=idea, data={"partner": name})
    return partner


@transaction.atomic
def idea_partner_update(
    *, partner: IdeaPartner, user, budget=None, erdf=None, role=None
) -> IdeaPartner:
    """Change a partner's amounts or role; same rules as adding."""
    if not can_edit_idea(user, partner.idea):
        raise PermissionDenied(_("Only members of the lead organisation can change the partners."))
    budget_d = _money(budget if budget is not None else partner.budget, "budget")
    erdf_d = _money(erdf if erdf is not None else partner.erdf, "erdf")
    if erdf_d > budget_d:
        raise ValidationError(
            {
                "erdf": [
                    _(
                        "The requested ERDF cannot be more than 100 per cent of the partner's budget."
                    )
                ]
            }
        )
    _check_budget_total(partner.idea, extra=budget_d, exclude_pk=partner.pk)
    if role is not None and role != partner.role:
        if role not in PartnerRole.values or PartnerRole.LEAD in (role, partner.role):
            raise ValidationError(
                {"role": [_("Choose a valid role; the lead partner stays the lead.")]}
            )
        partner.role = role
    partner.budget, partner.erdf = budget_d, erdf_d
    partner.full_clean()
    partner.save()
    audit_record(
        actor=user, action="idea_partner_updated", obj=partner.idea, data={"partner": partner.name}
    )
    return partner


@transaction.atomic
def idea_partner_remove(*, partner: IdeaPartner, user) -> None:
    if not can_edit_idea(user, partner.idea):
        raise PermissionDenied(_("Only members of the lead organisation can change the partners."))
    if partner.role == PartnerRole.LEAD:
        raise ValidationError({"role": [_("The lead partner cannot be removed.")]})
    audit_record(
        actor=user, action="idea_partner_removed", obj=partner.idea, data={"partner": partner.name}
    )
    if partner.status == PartnerStatus.INVITED:
        from .invitations import invitation_withdraw_for

        # Withdrawing the open invitation removes the invited partner (receivers.py).
        invitation_withdraw_for(partner=partner, user=user)
    IdeaPartner.objects.filter(pk=partner.pk).delete()


def partner_specs(idea: ProjectIdea) -> list[PartnerSpec]:
    """The partners the fit check counts: invited ones have not agreed yet."""
    return [
        PartnerSpec(
            name=p.name,
            country=p.country_id,
            nuts3=p.nuts3_id or "",
            org_type=p.org_type,
            role=p.role,
            budget=p.budget,
            erdf=p.erdf,
            organisation_id=p.organisation_id,
        )
        for p in idea.partners.filter(status=PartnerStatus.ACCEPTED).select_related("nuts3")
    ]


def idea_fit_check(*, idea: ProjectIdea, user) -> dict:
    """Run the fit check on the idea and store the report (lead members); returns the report."""
    if not can_edit_idea(user, idea):
        raise PermissionDenied(_("Only members of the lead organisation can run the fit check."))
    report = fit_check(
        idea.full_text(),
        partner_specs(idea),
        sectors=idea.sectors.values_list("code", flat=True),
        technologies=idea.technologies.values_list("code", flat=True),
    )
    with transaction.atomic():
        ProjectIdea.objects.filter(pk=idea.pk).update(
            fit_check=report, fit_checked_at=timezone.now()
        )
        audit_record(
            actor=user,
            action="idea_fit_checked",
            obj=idea,
            data={"verdict": report["verdict"]["code"]},
        )
    idea.fit_check, idea.fit_checked_at = report, timezone.now()
    return report
