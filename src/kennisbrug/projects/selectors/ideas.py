"""Reads: visible ideas, networks, challenges, the consortium registry from the database."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.functional import Promise

from kennisbrug.core.shortcuts import get_object
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.models import Organisation

from ..consortium import Candidate, Registry, Requirement
from ..constants import (
    HELIX_BY_TYPE,
    ChallengeStatus,
    Helix,
    JoinStatus,
    PartnerStatus,
    ResponseStatus,
    Visibility,
)
from ..fitcheck.programme import load_programme
from ..models import (
    Challenge,
    ChallengeResponse,
    IdeaPartner,
    Network,
    NetworkMembership,
    PartnerInvitation,
    ProjectIdea,
)
from ..permissions import can_view_idea


def idea_list(*, user):
    """Ideas the user may see (see permissions.can_view_idea)."""
    qs = ProjectIdea.objects.select_related("lead_organisation")
    if not getattr(user, "is_authenticated", False):
        return qs.filter(visibility=Visibility.PUBLIC)
    if getattr(user, "is_secretariat", False):
        return qs
    partner_of = IdeaPartner.objects.filter(
        status=PartnerStatus.ACCEPTED,
        organisation__memberships__user=user,
        organisation__memberships__status=MembershipStatus.ACTIVE,
    ).values("idea_id")
    return qs.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.REGISTERED])
        | Q(
            lead_organisation__memberships__user=user,
            lead_organisation__memberships__status=MembershipStatus.ACTIVE,
        )
        | Q(pk__in=partner_of)
    ).distinct()


def idea_visible(*, user, pk, conceal: bool = False) -> ProjectIdea:
    """One idea for `user`. Http404 when it does not exist; PermissionDenied when the user
    may not see it, or Http404 with `conceal` (the API does not reveal private ideas)."""
    idea = get_object(ProjectIdea.objects.select_related("lead_organisation"), pk=pk)
    if idea is None:
        raise Http404
    if not can_view_idea(user, idea):
        raise Http404 if conceal else PermissionDenied
    return idea


def accepted_partner_ids(idea: ProjectIdea) -> list[int]:
    """Registry organisations that are partners of the idea (invited ones are not yet)."""
    return list(
        idea.partners.filter(status=PartnerStatus.ACCEPTED)
        .exclude(organisation=None)
        .values_list("organisation_id", flat=True)
    )


def invitations_for_user(*, user):
    """Partner invitations to the organisations the user is an active member of, newest first."""
    if not getattr(user, "is_authenticated", False):
        return PartnerInvitation.objects.none()
    return PartnerInvitation.objects.filter(
        organisation__memberships__user=user,
        organisation__memberships__status=MembershipStatus.ACTIVE,
    ).select_related("idea", "idea__lead_organisation", "organisation", "invited_by")


def network_list(*, kind: str | None = None):
    qs = Network.objects.select_related("owner_organisation", "technology")
    return qs.filter(kind=kind) if kind else qs


def challenge_list(*, user):
    qs = Challenge.objects.select_related("owner_organisation")
    if getattr(user, "is_secretariat", False):
        return qs
    visible = ~Q(status=ChallengeStatus.DRAFT)
    if getattr(user, "is_authenticated", False):
        visible |= Q(
            owner_organisation__memberships__user=user,
            owner_organisation__memberships__status=MembershipStatus.ACTIVE,
        )
    return qs.filter(visible).distinct()


def responses_visible(*, user, challenge):
    from ..permissions import can_manage_challenge

    qs = ChallengeResponse.objects.filter(challenge=challenge).select_related("organisation")
    if getattr(user, "is_secretariat", False) or can_manage_challenge(user, challenge):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(
        organisation__memberships__user=user,
        organisation__memberships__status=MembershipStatus.ACTIVE,
    )


def candidate_from(org: Organisation) -> Candidate:
    programme = load_programme()
    region = programme.regions.get(org.nuts3_id or "")
    return Candidate(
        id=org.pk,
        name=org.name,
        type=org.type,
        country=org.country_id,
        nuts3=org.nuts3_id or "",
        province=region.province_nl if region else "",
        in_programme_area=bool(region and region.in_programme_area),
        flemish=bool(region and region.flemish),
        sectors=frozenset(s.pk for s in org.sectors.all()),
        technologies=frozenset(t.pk for t in org.technologies.all()),
        text=" ".join(x for x in (org.name, org.description, org.expertise, org.offers) if x),
    )


def registry_from_db() -> Registry:
    """Every registered organisation as a consortium candidate."""
    programme = load_programme()
    names: dict[str, Sequence[str]] = {
        code: (nl, en) for code, (nl, en, _k) in programme.sectors.items()
    }
    names.update(programme.technologies)
    orgs = Organisation.objects.prefetch_related("sectors", "technologies").order_by("pk")
    return Registry([candidate_from(o) for o in orgs], concept_names=names)


def requirement_label(kind: str, value: str) -> str:
    programme = load_programme()
    if kind == "sector" and value in programme.sectors:
        return programme.sectors[value][0]
    if kind == "technology" and value in programme.technologies:
        return programme.technologies[value][0]
    return value


def idea_requirements(idea: ProjectIdea, needs: Sequence[str] = ()) -> list[Requirement]:
    reqs = [Requirement("sector", s.pk, s.name) for s in idea.sectors.all()]
    reqs += [Requirement("technology", t.pk, t.name) for t in idea.technologies.all()]
    reqs += [Requirement("text", n, n) for n in needs if n.strip()]
    return reqs


def network_composition(*, network: Network) -> dict:
    """Helix composition, country balance and gaps of a network's accepted members."""
    members = [
        m.organisation
        for m in network.memberships.filter(status=JoinStatus.ACCEPTED).select_related(
            "organisation"
        )
    ]
    helix = {h.value: 0 for h in Helix}
    countries: dict[str, int] = {}
    for org in members:
        helix[HELIX_BY_TYPE.get(org.type, Helix.OTHER)] += 1
        countries[org.country_id] = countries.get(org.country_id, 0) + 1
    gaps: list[tuple[str, str, str | Promise]] = []
    needed = (
        [Helix.BUSINESS, Helix.KNOWLEDGE, Helix.GOVERNMENT]
        if network.kind == "cluster"
        else [Helix.KNOWLEDGE]
    )
    for h in needed:
        if not helix[h]:
            gaps.append(("helix", h.value, h.label))
    for code, label in (("BE", "BE"), ("NL", "NL")):
        if not countries.get(code):
            gaps.append(("country", code, label))
    return {
        "members": members,
        "helix": helix,
        "helix_rows": [(h.label, helix[h.value]) for h in Helix],
        "countries": countries,
        "gaps": gaps,
    }


def idea_activity() -> list[tuple]:
    """Indicator source "ideas": (id, title, lead, status, ((registry partner, joined_at), ...)).

    Only partners that accepted count; joined_at is when they did (the row's last change).
    """
    partners: dict[int, list] = {}
    rows = IdeaPartner.objects.filter(
        organisation__isnull=False, status=PartnerStatus.ACCEPTED
    ).values_list("idea_id", "organisation_id", "updated_at")
    for idea_id, org_id, created in rows.iterator():
        partners.setdefault(idea_id, []).append((org_id, created))
    return [
        (i, t, lead, s, tuple(partners.get(i, ())))
        for i, t, lead, s in ProjectIdea.objects.values_list(
            "id", "title", "lead_organisation_id", "status"
        ).iterator()
    ]


def network_activity() -> list[tuple]:
    """Indicator source "networks": (id, name, owner, kind, created_at,
    ((accepted member, joined_at), ...))."""
    members: dict[int, list] = {}
    rows = NetworkMembership.objects.filter(status=JoinStatus.ACCEPTED).values_list(
        "network_id", "organisation_id", "updated_at"
    )
    for network_id, org_id, joined in rows.iterator():
        members.setdefault(network_id, []).append((org_id, joined))
    return [
        (i, name, owner, kind, created, tuple(members.get(i, ())))
        for i, name, owner, kind, created in Network.objects.values_list(
            "id", "name", "owner_organisation_id", "kind", "created_at"
        ).iterator()
    ]


def challenge_award_activity() -> list[tuple]:
    """Indicator source "challenge_awards": (challenge, title, owner, selected solver, updated_at)."""
    return list(
        ChallengeResponse.objects.filter(status=ResponseStatus.SELECTED)
        .values_list(
            "challenge_id",
            "challenge__title",
            "challenge__owner_organisation_id",
            "organisation_id",
            "updated_at",
        )
        .iterator()
    )
