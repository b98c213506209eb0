"""Research groups and experts of the demo knowledge institutions, in Dutch.

Each demo knowledge institution gets one to three research groups on its own sectors,
each with one to three experts (fictitious people, listed as if they consented; a few
are left unlisted so the management page shows both). Bulk-created: the demo command
rebuilds the search index afterwards.
"""

from __future__ import annotations

import random

from ..constants import OrganisationType
from ..demo_texts import SURNAMES
from ..models import Expert, Organisation, ResearchGroup
from .receivers import catalogues_changed

# sector code → research group themes: (name, expertise keywords, description)
GROUPS = {
    "duurzame-chemie": [
        (
            "Onderzoeksgroep Duurzame Katalyse",
            "katalyse, groene waterstof, CO2-afvang en -gebruik, procesintensivering",
            "Wij ontwikkelen katalysatoren en processen die fossiele grondstoffen vervangen.",
        ),
        (
            "Lab Chemische Recycling",
            "chemische recycling, kunststofrecycling, polymeren, pyrolyse",
            "Van gemengd kunststofafval terug naar grondstoffen voor de chemie.",
        ),
    ],
    "agrofood": [
        (
            "Kenniscentrum Eiwittransitie",
            "alternatieve eiwitten, fermentatie, voedselverwerking, smaak en textuur",
            "Wij helpen voedingsbedrijven plantaardige en fermentatie-eiwitten te verwerken.",
        ),
        (
            "Lectoraat Precisielandbouw",
            "precisielandbouw, sensoren in het veld, bodemkwaliteit, oogstrobot",
            "Sensoren, drones en data voor teelt met minder water, mest en gewasbescherming.",
        ),
    ],
    "slimme-maakindustrie": [
        (
            "Onderzoeksgroep Robotica en Automatisering",
            "robotica, lasrobot, cobots, machinevisie, flexibele productie",
            "Automatisering van kleine series in de maakindustrie, met cobots en visie.",
        ),
        (
            "Lab Additieve Productie",
            "3D-printen van metaal, additieve productie, nabewerking, kwaliteitscontrole",
            "Metaalprinten van prototype tot serieonderdeel, inclusief nabewerking.",
        ),
    ],
    "geavanceerde-systemen-materialen": [
        (
            "Onderzoeksgroep Composieten",
            "composieten, vezelversterkte kunststoffen, lichtgewicht constructies, vermoeiing",
            "Lichte en sterke constructies met vezelversterkte materialen, en hun levensduur.",
        ),
    ],
    "digitale-technologieen": [
        (
            "Lab Toegepaste Artificiële Intelligentie",
            "machine learning, computervisie, voorspellend onderhoud, data-analyse",
            "Toepassingen van AI in bedrijven: van beeldherkenning tot voorspellend onderhoud.",
        ),
        (
            "Onderzoeksgroep Cybersecurity",
            "cybersecurity, industriële netwerken, risicoanalyse, NIS2",
            "Beveiliging van industriële systemen en begeleiding bij NIS2.",
        ),
    ],
    "fotonica": [
        (
            "Fotonica Onderzoeksgroep",
            "lasers, lasersnijden, geïntegreerde fotonica, optische sensoren, glasvezel",
            "Lasers en optische sensoren voor productie, zorg en communicatie.",
        ),
    ],
    "life-sciences-health": [
        (
            "Lectoraat Zorgtechnologie",
            "zorgtechnologie, medische hulpmiddelen, domotica, valdetectie",
            "Technologie die zorgverleners ontlast en mensen langer thuis laat wonen.",
        ),
        (
            "Onderzoeksgroep Biomaterialen",
            "biomaterialen, implantaten, biocompatibiliteit, weefseltechnologie",
            "Materialen die het lichaam verdraagt, van implantaat tot wondverband.",
        ),
    ],
    "logistiek": [
        (
            "Onderzoeksgroep Duurzame Logistiek",
            "synchromodaal transport, binnenvaart, laadinfrastructuur, routeoptimalisatie",
            "Slimmere en schonere goederenstromen tussen haven en achterland.",
        ),
    ],
    "duurzame-energie": [
        (
            "Lab Energieopslag",
            "batterijen, waterstofopslag, elektrolyse, slimme netten, warmtepompen",
            "Opslag en omzetting van duurzame energie, van batterij tot waterstof.",
        ),
        (
            "Onderzoeksgroep Windenergie op Zee",
            "offshore wind, funderingen, corrosie, onderhoud op zee",
            "Ontwerp en onderhoud van windparken op zee.",
        ),
    ],
    "water-blue-economy": [
        (
            "Kenniscentrum Water",
            "waterzuivering, hergebruik van afvalwater, verzilting, droogte",
            "Waterzuivering en -hergebruik voor industrie en landbouw.",
        ),
    ],
}
FIRST_NAMES = ["An", "Bart", "Els", "Jan", "Lotte", "Pieter", "Sofie", "Tom", "Wim", "Sanne"]
ROLES = [
    "hoogleraar",
    "lector",
    "onderzoeker",
    "senior onderzoeker",
    "postdoctoraal onderzoeker",
    "projectleider valorisatie",
]


def generate(*, rng: random.Random, scale: int = 1, stdout=None) -> None:
    # An own generator: drawing from the shared one would shift every later app's demo data.
    rng = random.Random(f"research-{scale}")
    institutions = list(
        Organisation.objects.filter(
            is_demo=True, type=OrganisationType.KNOWLEDGE_INSTITUTION
        ).prefetch_related("sectors")
    )
    groups: list[ResearchGroup] = []
    themes: list[list[str]] = []
    for institution in institutions:
        options = [
            (code, theme)
            for code in sorted(s.code for s in institution.sectors.all())
            for theme in GROUPS.get(code, [])
        ]
        if not options:
            continue
        for code, (name, expertise, description) in rng.sample(
            options, min(len(options), rng.choice([1, 2, 3]))
        ):
            groups.append(
                ResearchGroup(
                    organisation=institution,
                    name=name,
                    expertise=expertise,
                    description=description,
                    website=f"{institution.website}/onderzoek",
                    contact_email=f"onderzoek@{institution.slug}.example.org",
                    is_demo=True,
                )
            )
            themes.append([code])
    ResearchGroup.objects.bulk_create(groups, batch_size=500)
    links = [
        ResearchGroup.sectors.through(researchgroup_id=g.pk, sector_id=codes[0])
        for g, codes in zip(groups, themes, strict=True)
    ]
    ResearchGroup.sectors.through.objects.bulk_create(links, batch_size=1000)

    experts: list[Expert] = []
    # Names without their title: one person is listed once per organisation, whatever role
    # the draw gives them in another group.
    taken_by_organisation: dict[int, set[str]] = {}
    for group in groups:
        taken = taken_by_organisation.setdefault(group.organisation_id, set())
        keywords = [k.strip() for k in group.expertise.split(",")]
        for _ in range(rng.choice([1, 2, 3])):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            if name in taken:
                continue
            taken.add(name)
            role = rng.choice(ROLES)
            title = (
                "Prof. dr. " if role == "hoogleraar" else "Dr. " if "onderzoeker" in role else ""
            )
            local = name.lower().replace(" ", ".")
            experts.append(
                Expert(
                    organisation=group.organisation,
                    research_group=group,
                    name=f"{title}{name}",
                    role=role,
                    expertise=", ".join(rng.sample(keywords, min(2, len(keywords)))),
                    email=f"{local}@{group.organisation.slug}.example.org",
                    listed=rng.random() < 0.9,
                    is_demo=True,
                )
            )
    Expert.objects.bulk_create(experts, batch_size=500)
    catalogues_changed()  # bulk writes send no model signals
    if stdout:
        stdout.write(f"research: {len(groups)} research groups, {len(experts)} experts")


def present() -> bool:
    return ResearchGroup.objects.filter(is_demo=True).exists()
