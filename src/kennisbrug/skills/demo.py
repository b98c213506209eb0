"""Demo data of the skills app: taxonomy, trainings, vacancies, bottleneck lists, people.

Called by `manage.py demo_data` after the organisations demo; deterministic from rng.
Knowledge institutions and intermediaries offer trainings, enterprises post vacancies.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.text import slugify

from kennisbrug.accounts.models import User
from kennisbrug.core.demo import DEMO_DOMAIN, DemoLogin, demo_password
from kennisbrug.organisations.constants import ENTERPRISE_TYPES, OrganisationType
from kennisbrug.organisations.models import Organisation

from . import demo_participation
from .bottleneck_import import bottleneck_import
from .constants import CONSENT_VERSION, TrainingAudience, TrainingMode
from .esco_import import esco_import
from .models import Occupation, Profile, ProfileOccupation, ProfileSkill, Skill, Training, Vacancy
from .reference import load_qualification_levels

DEMO_TAXONOMY_VERSION = "kennisbrug-demo-1"
JOB_SEEKER_EMAIL = f"werkzoekende@{DEMO_DOMAIN}"
B = "https://kennisbrug.eu/taxonomy/demo/"
PROGRAMME_NUTS3 = {
    "BE": ["BE211", "BE212", "BE213", "BE224", "BE234", "BE236", "BE242", "BE251", "BE254"],
    "NL": ["NL341", "NL342", "NL411", "NL412", "NL413", "NL414", "NL421", "NL422", "NL423"],
}
FLEMISH_PROVINCES = ["BE21", "BE22", "BE23", "BE24", "BE25"]
DUTCH_PROVINCES = ["NL34", "NL41", "NL42"]
LEVEL_KEYS = ["2", "3", "4", "4+", "5", "6"]

# (Dutch title, English title, skills taught, audiences, sectors, typical hours)
COURSES = [
    (
        "Lassen MIG/MAG",
        "MIG/MAG welding",
        ["weld-mig", "welding-safety"],
        "js",
        ["slimme-maakindustrie"],
        120,
    ),
    (
        "TIG-lassen roestvast staal",
        "TIG welding of stainless steel",
        ["weld-tig", "metallurgy"],
        "je",
        ["slimme-maakindustrie"],
        80,
    ),
    (
        "CNC-programmeren",
        "CNC programming",
        ["program-cnc", "operate-cnc", "read-drawings"],
        "je",
        ["slimme-maakindustrie"],
        160,
    ),
    (
        "Technisch tekenen lezen",
        "Reading technical drawings",
        ["read-drawings", "measure-precision"],
        "js",
        ["slimme-maakindustrie"],
        24,
    ),
    (
        "PLC-programmeren",
        "PLC programming",
        ["plc-program", "automation"],
        "je",
        ["slimme-maakindustrie"],
        60,
    ),
    (
        "Industriële elektriciteit",
        "Industrial electricity",
        ["wire-install", "read-schematics", "elec-safety"],
        "js",
        ["duurzame-energie"],
        200,
    ),
    (
        "Zonnepanelen installeren",
        "Installing solar panels",
        ["install-pv", "work-height"],
        "js",
        ["duurzame-energie"],
        40,
    ),
    (
        "Warmtepompen installeren",
        "Installing heat pumps",
        ["install-heatpump", "refrigerants", "hvac-systems"],
        "je",
        ["duurzame-energie"],
        80,
    ),
    (
        "Laadpalen installeren",
        "Installing EV chargers",
        ["install-charger", "test-elec"],
        "je",
        ["duurzame-energie"],
        16,
    ),
    (
        "Onderhoud windturbines",
        "Wind turbine maintenance",
        ["maintain-wind", "work-height", "hydraulics"],
        "je",
        ["duurzame-energie"],
        120,
    ),
    (
        "Mechatronica basis",
        "Mechatronics fundamentals",
        ["mechatronics", "sensors", "troubleshoot-mech"],
        "js",
        ["slimme-maakindustrie"],
        150,
    ),
    (
        "Preventief onderhoud",
        "Preventive maintenance",
        ["maintain-machines", "repair-mechanical"],
        "je",
        ["slimme-maakindustrie"],
        40,
    ),
    (
        "Robots programmeren",
        "Programming industrial robots",
        ["robot-program", "automation"],
        "je",
        ["slimme-maakindustrie"],
        60,
    ),
    (
        "Procesoperator chemie",
        "Chemical process operation",
        ["operate-process", "monitor-process", "chem-safety"],
        "js",
        ["duurzame-chemie"],
        240,
    ),
    (
        "Laboratoriumanalyse",
        "Laboratory analysis",
        ["lab-analysis", "take-samples"],
        "je",
        ["life-sciences-health"],
        100,
    ),
    (
        "Kwaliteitszorg ISO 9001",
        "Quality management ISO 9001",
        ["quality-control", "iso9001"],
        "e",
        ["slimme-maakindustrie"],
        24,
    ),
    (
        "Lean produceren",
        "Lean manufacturing",
        ["lean", "plan-production"],
        "e",
        ["slimme-maakindustrie"],
        32,
    ),
    (
        "Heftruck en magazijn",
        "Forklift and warehouse",
        ["forklift", "warehouse"],
        "js",
        ["logistiek"],
        16,
    ),
    (
        "Python voor data-analyse",
        "Python for data analysis",
        ["python", "data-analysis", "sql"],
        "je",
        ["digitale-technologieen"],
        60,
    ),
    (
        "Machine learning in de praktijk",
        "Applied machine learning",
        ["machine-learning", "python"],
        "e",
        ["digitale-technologieen"],
        48,
    ),
    (
        "Cybersecurity voor OT",
        "OT cybersecurity",
        ["ot-security", "cybersecurity"],
        "e",
        ["digitale-technologieen"],
        24,
    ),
    (
        "Embedded systemen",
        "Embedded systems",
        ["embedded", "electronics"],
        "e",
        ["geavanceerde-systemen-materialen"],
        80,
    ),
    (
        "CAD en 3D-printen",
        "CAD and 3D printing",
        ["cad", "3d-print"],
        "je",
        ["geavanceerde-systemen-materialen"],
        40,
    ),
    (
        "Waterstoftechnologie",
        "Hydrogen technology",
        ["hydrogen", "energy-systems"],
        "e",
        ["duurzame-energie", "duurzame-chemie"],
        32,
    ),
    (
        "Batterijtechnologie",
        "Battery technology",
        ["battery", "energy-systems"],
        "e",
        ["duurzame-energie"],
        24,
    ),
    ("Fotonica introductie", "Introduction to photonics", ["photonics"], "e", ["fotonica"], 16),
    (
        "Werken in de cleanroom",
        "Working in a cleanroom",
        ["cleanroom", "semiconductors"],
        "js",
        ["geavanceerde-systemen-materialen"],
        40,
    ),
    (
        "Voedselveiligheid",
        "Food safety",
        ["food-safety", "operate-food-line"],
        "js",
        ["agrofood"],
        24,
    ),
    (
        "VCA Basisveiligheid",
        "Basic safety (VCA)",
        ["safety-vca"],
        "js",
        ["slimme-maakindustrie"],
        8,
    ),
    ("Nederlands op de werkvloer", "Dutch at work", ["dutch"], "j", [], 60),
    ("Technisch Engels", "Technical English", ["english"], "je", [], 40),
    ("BIM voor de bouw", "BIM for construction", ["bim", "read-construction"], "e", [], 24),
]
# SME-manager programmes on smart specialisation and industrial transition
SME_PROGRAMMES = [
    (
        "Slimme specialisatie voor kmo-leiders",
        "Smart specialisation for SME leaders",
        ["innovation-mgmt", "digital-transform"],
        ["slimme-maakindustrie", "digitale-technologieen"],
    ),
    (
        "Industriële transitie: van plan naar praktijk",
        "Industrial transition: from plan to practice",
        ["innovation-mgmt", "circular", "manage-projects"],
        ["duurzame-chemie", "slimme-maakindustrie"],
    ),
    (
        "Digitale transformatie in het mkb",
        "Digital transformation in SMEs",
        ["digital-transform", "manage-projects"],
        ["digitale-technologieen"],
    ),
    (
        "Circulair ondernemen",
        "Circular business",
        ["circular", "sustainability-reporting"],
        ["duurzame-chemie", "agrofood"],
    ),
    (
        "Duurzaamheidsrapportage (CSRD) voor kmo's",
        "Sustainability reporting (CSRD) for SMEs",
        ["sustainability-reporting", "manage-budget"],
        ["logistiek", "agrofood"],
    ),
    (
        "Energietransitie voor maakbedrijven",
        "Energy transition for manufacturers",
        ["energy-systems", "innovation-mgmt"],
        ["duurzame-energie", "slimme-maakindustrie"],
    ),
    (
        "Leiderschap in de fabriek van de toekomst",
        "Leadership in the factory of the future",
        ["lead-team", "plan-production", "lean"],
        ["slimme-maakindustrie"],
    ),
    (
        "Waterstof en de blauwe economie voor ondernemers",
        "Hydrogen and the blue economy for entrepreneurs",
        ["hydrogen", "innovation-mgmt"],
        ["water-blue-economy", "duurzame-energie"],
    ),
]
AUDIENCES = {
    "j": [TrainingAudience.JOB_SEEKERS],
    "e": [TrainingAudience.EMPLOYEES],
    "js": [TrainingAudience.JOB_SEEKERS],
    "je": [TrainingAudience.JOB_SEEKERS, TrainingAudience.EMPLOYEES],
}
BOTTLENECK_OCCUPATIONS = [
    "welder",
    "cnc-operator",
    "industrial-electrician",
    "mechatronics-tech",
    "maintenance-tech",
    "heatpump-installer",
    "solar-installer",
    "plumber",
    "wind-tech",
    "software-dev",
    "process-operator",
    "truck-driver",
    "elec-engineer",
    "data-engineer",
]
PEOPLE = [
    (
        "Aylin Demir",
        "9000",
        "BE",
        ["weld-mig", "read-drawings", "cut-metal", "grind"],
        "welder",
        True,
        "",
    ),
    (
        "Jeroen van Dijk",
        "5611",
        "NL",
        ["wire-install", "read-schematics", "install-pv"],
        "building-electrician",
        True,
        "crisis_sector",
    ),
    (
        "Samir Haddad",
        "2000",
        "BE",
        ["maintain-machines", "hydraulics", "troubleshoot-mech"],
        "maintenance-tech",
        True,
        "refugee",
    ),
    ("Lotte Peeters", "3500", "BE", ["python", "sql", "data-analysis"], "software-dev", False, ""),
    (
        "Mark Janssen",
        "6211",
        "NL",
        ["operate-process", "take-samples", "chem-safety"],
        "process-operator",
        True,
        "",
    ),
    (
        "Ines Claes",
        "4331",
        "NL",
        ["drive-truck", "forklift"],
        "truck-driver",
        False,
        "crisis_sector",
    ),
]


def _orgs(rng: random.Random) -> tuple[list[Organisation], list[Organisation]]:
    orgs = list(Organisation.objects.filter(is_demo=True).order_by("id"))
    if not orgs:  # the organisations demo did not run: make a handful ourselves
        for i, (name, kind, country, nuts3) in enumerate(
            [
                ("Technische Academie Gent", OrganisationType.KNOWLEDGE_INSTITUTION, "BE", "BE234"),
                ("Kenniscentrum Brabant", OrganisationType.KNOWLEDGE_INSTITUTION, "NL", "NL414"),
                ("Grensregio Werkt", OrganisationType.INTERMEDIARY, "NL", "NL341"),
                ("Metaalwerken Kempen", OrganisationType.SME, "BE", "BE213"),
                ("Zeeuwse Procestechniek", OrganisationType.SME, "NL", "NL342"),
                ("Limburg Mechatronics", OrganisationType.SME, "NL", "NL423"),
            ]
        ):
            orgs.append(
                Organisation.objects.create(
                    name=name,
                    slug=f"{slugify(name)}-{i}",
                    type=kind,
                    country_id=country,
                    nuts3_id=nuts3,
                    is_demo=True,
                )
            )
    providers = [
        o
        for o in orgs
        if o.type in (OrganisationType.KNOWLEDGE_INSTITUTION, OrganisationType.INTERMEDIARY)
    ] or orgs
    employers = [o for o in orgs if o.type in ENTERPRISE_TYPES] or orgs
    return providers, employers


def _region_of(org: Organisation, rng: random.Random) -> str:
    if org.nuts3_id and org.nuts3_id[:2] in PROGRAMME_NUTS3:
        return org.nuts3_id
    country = org.country_id if org.country_id in PROGRAMME_NUTS3 else rng.choice(["BE", "NL"])
    return rng.choice(PROGRAMME_NUTS3[country])


def _start_dates(rng: random.Random) -> list[str]:
    base = datetime.date(2026, 9, 1)
    return sorted(
        {
            (base + datetime.timedelta(days=rng.randrange(0, 300))).isoformat()
            for _ in range(rng.randint(1, 3))
        }
    )


def _trainings(rng, scale, providers) -> int:
    skills = {s.uri.rsplit("/", 1)[-1]: s for s in Skill.objects.filter(uri__startswith=B)}
    from kennisbrug.core.models import Sector

    sectors = Sector.objects.in_bulk()
    made = 0
    plan = []
    for rep in range(3 * scale):
        for nl, en, slugs, aud, secs, hours in COURSES:
            plan.append((nl, en, slugs, AUDIENCES[aud], secs, hours, rep))
        for nl, en, slugs, secs in SME_PROGRAMMES:
            plan.append((nl, en, slugs, [TrainingAudience.SME_MANAGERS], secs, 24, rep))
    for nl, en, slugs, audiences, secs, hours, rep in plan:
        provider = providers[(made * 7 + rep) % len(providers)]
        language = rng.choice(["nl", "nl", "nl", "en"])
        mode = rng.choice(
            [TrainingMode.ON_SITE, TrainingMode.ON_SITE, TrainingMode.ONLINE, TrainingMode.BLENDED]
        )
        title = en if language == "en" else nl
        training = Training.objects.create(
            provider=provider,
            title=f"{title} ({provider.name})" if rep else title,
            description=(
                f"{en}. Cross-border course for the Flanders–Netherlands border region."
                if language == "en"
                else f"{nl}. Grensoverschrijdende opleiding in de regio Vlaanderen–Nederland."
            ),
            level_id=rng.choice(LEVEL_KEYS),
            language=language,
            mode=mode,
            nuts3_id=None if mode == TrainingMode.ONLINE else _region_of(provider, rng),
            cost=Decimal(rng.choice([0, 0, 95, 250, 450, 690, 950, 1450, 2400])).quantize(
                Decimal("0.01")
            ),
            duration_hours=max(4, int(hours * rng.uniform(0.6, 1.5))),
            start_dates=_start_dates(rng),
            audiences=[str(a) for a in audiences],
            is_published=True,
            is_demo=True,
        )
        training.skills.set([skills[s] for s in slugs if s in skills])
        training.sectors.set([sectors[c] for c in secs if c in sectors])
        made += 1
    return made


def _bottlenecks(rng: random.Random) -> int:
    lines = ["occupation,region,year,source,tension,bottleneck"]
    for province in FLEMISH_PROVINCES:
        for slug in BOTTLENECK_OCCUPATIONS:
            if rng.random() < 0.75:
                lines.append(
                    f"{B}occupation/{slug},{province},2025,VDAB knelpuntberoepen 2025 (demo),,yes"
                )
    for province in DUTCH_PROVINCES:
        for slug in [*BOTTLENECK_OCCUPATIONS, "carpenter", "food-operator", "logistics-planner"]:
            value = Decimal(str(round(rng.uniform(0.3, 5.5), 2)))
            lines.append(
                f"{B}occupation/{slug},{province},2025,UWV spanningsindicator 2025 (demo),{value},"
            )
    bottleneck_import(data="\n".join(lines), is_demo=True)
    return len(lines) - 1


def _vacancies(rng, scale, employers) -> int:
    occupations = {
        o.uri.rsplit("/", 1)[-1]: o for o in Occupation.objects.filter(uri__startswith=B)
    }
    count = 0
    for i in range(30 * scale):
        org = employers[i % len(employers)]
        occupation = occupations[rng.choice(BOTTLENECK_OCCUPATIONS)]
        Vacancy.objects.create(
            organisation=org,
            occupation=occupation,
            title=f"{occupation.label_nl or occupation.label_en} ({org.name})",
            description=str(occupation.description)[:500],
            nuts3_id=_region_of(org, rng),
            level_id=rng.choice(LEVEL_KEYS),
            is_demo=True,
        )
        count += 1
    return count


def _people(rng) -> int:
    from django.utils import timezone

    from kennisbrug.core.models import Postcode

    skills = {s.uri.rsplit("/", 1)[-1]: s for s in Skill.objects.filter(uri__startswith=B)}
    occupations = {
        o.uri.rsplit("/", 1)[-1]: o for o in Occupation.objects.filter(uri__startswith=B)
    }
    for i, (name, postcode, country, slugs, past, opted_in, context) in enumerate(PEOPLE):
        email = JOB_SEEKER_EMAIL if i == 0 else f"demo.person{i + 1}@example.org"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, None, full_name=name
        )
        # The first person can log in (demo password), so the job seeker's journey can
        # be walked in the browser; the others are data only.
        password = demo_password() if i == 0 else None
        if password:
            user.set_password(password)
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        else:
            user.set_unusable_password()
        user.save()
        pc = Postcode.objects.filter(code=postcode, country_id=country).first()
        profile = Profile.objects.create(
            user=user,
            consent_given_at=timezone.now(),
            consent_version=CONSENT_VERSION,
            experience_text="",
            qualification_level_id=rng.choice(LEVEL_KEYS),
            languages=["nl", "en"] if rng.random() < 0.6 else ["nl"],
            postcode=postcode,
            country_id=country,
            nuts3_id=pc.nuts3_id if pc else None,
            max_travel_km=rng.choice([30, 50, 80]),
            cross_border=rng.random() < 0.8,
            context=context,
            open_to_employers=opted_in,
            is_demo=True,
        )
        ProfileSkill.objects.bulk_create(
            [
                ProfileSkill(profile=profile, skill=skills[s], source="picked", confirmed=True)
                for s in slugs
            ]
        )
        ProfileOccupation.objects.create(profile=profile, occupation=occupations[past])
    return len(PEOPLE)


def generate(*, rng: random.Random, scale: int = 1, stdout=None) -> None:
    """Load the demo taxonomy and fill trainings, vacancies, bottleneck lists and people."""
    scale = max(1, int(scale))
    with transaction.atomic():
        load_qualification_levels()
        esco_import(paths=[_taxonomy_dir()], version=DEMO_TAXONOMY_VERSION, is_demo=True)
        providers, employers = _orgs(rng)
        trainings = _trainings(rng, scale, providers)
        bottlenecks = _bottlenecks(rng)
        vacancies = _vacancies(rng, scale, employers)
        people = _people(rng)
        enrolments = demo_participation.participations(rng, employers, scale)
    if stdout is not None:
        stdout.write(
            f"skills: {trainings} trainings, {vacancies} vacancies, "
            f"{bottlenecks} bottleneck rows, {people} people, {enrolments} enrolments"
        )


def _taxonomy_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent / "data" / "demo_taxonomy"


__all__ = ["generate"]


def demo_logins() -> list[DemoLogin]:
    from django.utils.translation import gettext as _

    return [DemoLogin(_("person seeking work (skills profile)"), JOB_SEEKER_EMAIL)]
