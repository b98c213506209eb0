"""Demo data: project ideas with partners and fit checks, clusters, networks and challenges in several states.

Reads the demo organisations made by the organisations demo; when there are none (as
when this demo runs on its own) it creates a small border-region set itself, marked is_demo.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations.models import Organisation

from .constants import (
    ChallengeStatus,
    IdeaStatus,
    JoinStatus,
    NetworkKind,
    PartnerRole,
    PartnerStatus,
    ResponseStatus,
    Visibility,
)
from .fitcheck import get_fit_checker
from .models import (
    Challenge,
    ChallengeResponse,
    IdeaPartner,
    Network,
    NetworkMembership,
    ProjectIdea,
)
from .services.ideas import partner_specs

ORGS = [
    (
        "Lasertech Gent",
        "sme",
        "BE",
        "BE234",
        "fotonica",
        "lasersnijden en fotonica voor metaalbewerking",
    ),
    (
        "AgroSense Zeeland",
        "sme",
        "NL",
        "NL342",
        "agrofood",
        "sensoren voor precisielandbouw en glastuinbouw",
    ),
    (
        "Universiteit Antwerpen demo",
        "knowledge_institution",
        "BE",
        "BE211",
        "duurzame-chemie",
        "onderzoek naar katalyse, waterstof en circulaire chemie",
    ),
    (
        "TU Eindhoven demo",
        "knowledge_institution",
        "NL",
        "NL414",
        "slimme-maakindustrie",
        "robotica, machine vision en digitale tweelingen",
    ),
    (
        "Provincie Zeeland demo",
        "government",
        "NL",
        "NL342",
        "water-blue-economy",
        "innovatiebeleid en water",
    ),
    ("Stad Brugge demo", "government", "BE", "BE251", "logistiek", "havenlogistiek en mobiliteit"),
    (
        "RoboWeld Breda",
        "sme",
        "NL",
        "NL411",
        "slimme-maakindustrie",
        "lasrobots en cobots voor kleine series",
    ),
    (
        "BioPack Kortrijk",
        "sme",
        "BE",
        "BE254",
        "agrofood",
        "biobased verpakkingen en voedselveiligheid",
    ),
    (
        "HydroPort Antwerpen",
        "large_enterprise",
        "BE",
        "BE211",
        "duurzame-energie",
        "groene waterstof in de haven",
    ),
    (
        "Brightlands Health demo",
        "intermediary",
        "NL",
        "NL423",
        "life-sciences-health",
        "life sciences cluster",
    ),
    (
        "MedTech Hasselt",
        "sme",
        "BE",
        "BE224",
        "life-sciences-health",
        "digitale zorgtoepassingen en sensoren",
    ),
    ("Logistiek Venlo", "sme", "NL", "NL421", "logistiek", "slimme planning van vrachtstromen"),
]

IDEAS = [
    (
        "Lasrobot voor kleine series",
        IdeaStatus.READY,
        Visibility.PUBLIC,
        ["slimme-maakindustrie"],
        "Vlaamse en Nederlandse kmo's ontwikkelen met een universiteit een prototype van een lasrobot die kleine "
        "series automatisch last; we testen het in een gedeelde proeftuin aan beide kanten van de grens.",
        [("RoboWeld Breda", "400000", "200000"), ("TU Eindhoven demo", "300000", "150000")],
    ),
    (
        "Fotonica voor voedselinspectie",
        IdeaStatus.DRAFT,
        Visibility.REGISTERED,
        ["fotonica", "agrofood"],
        "Cross-border SMEs develop a photonic sensor that inspects food quality, validated in a living lab.",
        [("AgroSense Zeeland", "250000", "125000")],
    ),
    (
        "Omscholing naar waterstoftechnicus",
        IdeaStatus.DRAFT,
        Visibility.PRIVATE,
        ["duurzame-energie"],
        "Opleidingstraject voor werknemers uit de petrochemie om technicus te worden in waterstofinstallaties, "
        "met praktijklessen bij bedrijven in Vlaanderen en Nederland.",
        [("Provincie Zeeland demo", "100000", "70000")],
    ),
    (
        "Grensoverschrijdende fietsroute",
        IdeaStatus.ARCHIVED,
        Visibility.PUBLIC,
        [],
        "Een fietsroutenetwerk met nieuwe bewegwijzering om toerisme in de grensstreek te stimuleren.",
        [],
    ),
]


def _orgs(rng):
    existing = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    if existing:
        return existing
    out = []
    for name, type_, country, nuts3, sector, expertise in ORGS:
        org = Organisation.objects.create(
            name=name,
            slug=slugify(name),
            type=type_,
            country_id=country,
            nuts3_id=nuts3,
            expertise=expertise,
            description=expertise,
            size_class="small" if type_ == "sme" else "",
            is_demo=True,
            email=f"info@{slugify(name)}.example",
        )
        org.sectors.set([sector])
        out.append(org)
    return out


def generate(*, rng, scale: int = 1, stdout=None) -> None:
    orgs = _orgs(rng)
    by_name = {o.name: o for o in orgs}
    now = timezone.now()
    checker = get_fit_checker()
    ideas = 0
    for round_ in range(max(1, scale)):
        for title, status, visibility, sectors, text, partners in IDEAS:
            lead = rng.choice([o for o in orgs if o.type in ("sme", "knowledge_institution")])
            idea = ProjectIdea.objects.create(
                lead_organisation=lead,
                title=title if not round_ else f"{title} ({round_ + 1})",
                summary=text,
                status=status,
                visibility=visibility,
                is_demo=True,
            )
            idea.sectors.set(Sector.objects.filter(pk__in=sectors))
            IdeaPartner.objects.create(
                idea=idea,
                organisation=lead,
                name=lead.name,
                role=PartnerRole.LEAD,
                org_type=lead.type,
                country=lead.country,
                nuts3=lead.nuts3,
                budget=Decimal("200000.00"),
                erdf=Decimal("100000.00"),
                status=PartnerStatus.ACCEPTED,
            )
            for name, budget, erdf in partners:
                org = by_name.get(name) or rng.choice(orgs)
                if org == lead or idea.partners.filter(organisation=org).exists():
                    continue
                IdeaPartner.objects.create(
                    idea=idea,
                    organisation=org,
                    name=org.name,
                    org_type=org.type,
                    country=org.country,
                    nuts3=org.nuts3,
                    budget=Decimal(budget),
                    erdf=Decimal(erdf),
                    # The demo's consortia are formed: their partners agreed.
                    status=PartnerStatus.ACCEPTED,
                )
            if status != IdeaStatus.DRAFT or rng.random() < 0.5:
                idea.fit_check = checker.check(
                    idea.full_text(), partner_specs(idea), sectors=sectors
                )
                idea.fit_checked_at = now
                idea.save(update_fields=["fit_check", "fit_checked_at"])
            ideas += 1

    networks = [
        (
            NetworkKind.CLUSTER,
            "Robotica-cluster Schelde-Maas",
            "crit2023-robotics-autonomous-systems",
            "",
            "Vraaggericht cluster rond robotica en autonome systemen voor de maakindustrie.",
        ),
        (
            NetworkKind.CLUSTER,
            "Waterstofcluster Noordzeekanaal",
            "crit2023-energy",
            "",
            "Bedrijven, kennisinstellingen en overheden rond groene waterstof in de havens.",
        ),
        (
            NetworkKind.NETWORK,
            "Kennisnetwerk Fotonica",
            None,
            "fotonica in de zorg",
            "Kennisinstellingen delen onderzoek en meetapparatuur voor fotonica.",
        ),
    ]
    for kind, name, tech, theme, description in networks:
        owner = rng.choice(
            [o for o in orgs if o.type in ("knowledge_institution", "intermediary")] or orgs
        )
        net = Network.objects.create(
            kind=kind,
            name=name,
            description=description,
            theme=theme,
            technology=Technology.objects.filter(pk=tech).first() if tech else None,
            owner_organisation=owner,
            is_demo=True,
        )
        NetworkMembership.objects.create(
            network=net, organisation=owner, status=JoinStatus.ACCEPTED
        )
        for org in rng.sample([o for o in orgs if o != owner], min(4, len(orgs) - 1)):
            NetworkMembership.objects.create(
                network=net,
                organisation=org,
                status=rng.choice(
                    [
                        JoinStatus.ACCEPTED,
                        JoinStatus.ACCEPTED,
                        JoinStatus.REQUESTED,
                        JoinStatus.REJECTED,
                    ]
                ),
            )

    owners = [o for o in orgs if o.type in ("sme", "large_enterprise", "government")]
    solvers = [o for o in orgs if o.type in ("sme", "knowledge_institution")]
    challenges = [
        ("Vochtmeting in graansilo's", ChallengeStatus.OPEN, 30),
        ("Sensor voor lekdetectie in waterstofleidingen", ChallengeStatus.EVALUATING, -3),
        ("Slimme planning van binnenvaart", ChallengeStatus.AWARDED, -40),
        ("Hergebruik van zorgtextiel", ChallengeStatus.DRAFT, 60),
        ("Drones voor dijkinspectie", ChallengeStatus.CLOSED, -20),
        ("Koeling van serverruimtes", ChallengeStatus.CANCELLED, 10),
    ]
    for title, challenge_status, days in challenges:
        owner = rng.choice(owners)
        ch = Challenge.objects.create(
            owner_organisation=owner,
            title=title,
            status=challenge_status,
            is_demo=True,
            problem=f"{owner.name} zoekt een oplossing: {title.lower()}.",
            requirements="Werkt in de praktijk binnen zes maanden, betaalbaar voor kmo's.",
            reward="Betaalde pilot van EUR 25.000 en mogelijk vervolgopdracht.",
            ip_terms="IP blijft bij de oplosser; de uitdager krijgt een gebruikslicentie.",
            deadline=now + datetime.timedelta(days=days),
        )
        if challenge_status in (ChallengeStatus.DRAFT, ChallengeStatus.CANCELLED):
            continue
        picks = rng.sample([s for s in solvers if s != owner], min(3, len(solvers) - 1))
        for k, org in enumerate(picks):
            rstatus = ResponseStatus.SUBMITTED
            if challenge_status == ChallengeStatus.EVALUATING:
                rstatus = ResponseStatus.SHORTLISTED if k == 0 else ResponseStatus.SUBMITTED
            elif challenge_status == ChallengeStatus.AWARDED:
                rstatus = ResponseStatus.SELECTED if k == 0 else ResponseStatus.REJECTED
            elif challenge_status == ChallengeStatus.CLOSED:
                rstatus = ResponseStatus.REJECTED
            ChallengeResponse.objects.create(
                challenge=ch,
                organisation=org,
                status=rstatus,
                proposal=f"{org.name} stelt een aanpak voor op basis van {org.expertise}.",
            )
    if stdout is not None:
        stdout.write(
            f"projects: {ideas} ideas, {len(networks)} clusters/networks, {len(challenges)} challenges"
        )
