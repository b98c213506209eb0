"""Demo facilities, living labs, bookings and pilots on both sides of the border.

Deterministic from `rng`. Reads the demo organisations made by the organisations demo;
when there are too few (the facilities demo run on its own), it adds a small set.
Bookings are laid out one after another per facility, so they never overlap.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from kennisbrug.accounts.models import User
from kennisbrug.core.demo import DEMO_DOMAIN, DemoLogin
from kennisbrug.core.models import Postcode, Sector, Technology
from kennisbrug.organisations.constants import (
    MembershipRole,
    MembershipStatus,
    OrganisationType,
    SizeClass,
)
from kennisbrug.organisations.models import Membership, Organisation

from . import booking_rules, selectors
from .constants import LOCAL_TZ, BookingStatus, CustomerClass, FacilityCategory, PilotStatus
from .models import Booking, Facility, LivingLab, OpeningHours, Pilot, PilotCall, Tariff

KINDS = [
    (
        FacilityCategory.LAB,
        "Materiaallab",
        "trekbank\nelektronenmicroscoop (SEM)\nröntgendiffractie",
    ),
    (
        FacilityCategory.PILOT_PLANT,
        "Pilootfabriek bioprocessen",
        "fermentor 1000 l\ndownstream processing\nsproeidroger",
    ),
    (
        FacilityCategory.TEST_BED,
        "Testomgeving 5G en IoT",
        "5G-campusnetwerk\nsensorplatform\nedge-servers",
    ),
    (
        FacilityCategory.CLEANROOM,
        "Cleanroom ISO 5",
        "lithografie\ndunnelaagdepositie\nwafer-inspectie",
    ),
    (FacilityCategory.FIELD_LAB, "Fieldlab slimme productie", "cobots\nlasrobot\nmachine vision"),
    (
        FacilityCategory.DATA_COMPUTE,
        "Rekencluster en datalab",
        "GPU-cluster\nbeveiligde data-omgeving\nAI-platform",
    ),
    (
        FacilityCategory.WORKSHOP,
        "Prototypingwerkplaats",
        "metaal-3D-printer\nCNC-freesbank\nlasersnijder",
    ),
    (
        FacilityCategory.PILOT_PLANT,
        "Proeffabriek voedingstechnologie",
        "extruder\npasteur\nsensorisch panel",
    ),
    (FacilityCategory.TEST_BED, "Waterstoftestbank", "elektrolyser 250 kW\ndrukvaten\ngasanalyse"),
    (FacilityCategory.LAB, "Fotonicalab", "femtosecondelaser\noptische tafel\nspectrometer"),
]
LAB_THEMES = [
    ("Slimme haven", "Een havengebied waar sensoren, drones en autonome schepen getest worden."),
    ("Zorg thuis", "Woningen en zorgcentra waar zorgtechnologie met bewoners getest wordt."),
    ("Circulaire bouw", "Een bouwplaats waar circulaire materialen en bouwrobots getest worden."),
    ("Precisielandbouw", "Proefvelden waar sensoren, oogstrobots en bodemanalyse getest worden."),
    ("Waterstofregio", "Een industriegebied met waterstofproductie, -opslag en -transport."),
    (
        "Slimme mobiliteit",
        "Grensoverschrijdende wegen waar connected en autonoom rijden getest wordt.",
    ),
    ("Klimaatadaptieve stad", "Straten en pleinen waar groenblauwe oplossingen gemeten worden."),
    ("Digitale school", "Scholen waar digitale leermiddelen met leerlingen getest worden."),
    ("Energie-eiland", "Een bedrijventerrein dat zijn eigen energie opwekt, opslaat en deelt."),
    ("Voedselinnovatie", "Een productiehal en consumentenpanel voor nieuwe eiwitproducten."),
    ("Maritieme sensoren", "Een zeegebied met boeien en onderwaterdrones voor meetsystemen."),
    ("Industrie 4.0 in kmo's", "Productiebedrijven die hun lijn openstellen voor digitale tests."),
]
FALLBACK_PLACES = [
    ("BE", "9000", "Gent"),
    ("BE", "2000", "Antwerpen"),
    ("BE", "3500", "Hasselt"),
    ("BE", "8000", "Brugge"),
    ("BE", "3000", "Leuven"),
    ("NL", "5611", "Eindhoven"),
    ("NL", "4331", "Middelburg"),
    ("NL", "6211", "Maastricht"),
    ("NL", "4811", "Breda"),
    ("NL", "5211", "'s-Hertogenbosch"),
]
RATES = {
    CustomerClass.INTERNAL: Decimal("0.5"),
    CustomerClass.ACADEMIC: Decimal("0.7"),
    CustomerClass.SME: Decimal("0.85"),
    CustomerClass.LARGE: Decimal("1.0"),
}


def _nuts3(country: str, postcode: str):
    row = Postcode.objects.filter(country_id=country, code=postcode[:4]).first()
    return row.nuts3_id if row else None


def _organisations(rng, stdout) -> list[Organisation]:
    orgs = list(Organisation.objects.filter(is_demo=True, nuts3__isnull=False))
    if len(orgs) >= 10:
        return orgs
    for n, (country, postcode, city) in enumerate(FALLBACK_PLACES * 2):
        kind = [
            OrganisationType.KNOWLEDGE_INSTITUTION,
            OrganisationType.SME,
            OrganisationType.LARGE_ENTERPRISE,
        ][n % 3]
        name = f"Demo {['Kennisinstituut', 'Innovatie BV', 'Industrie NV'][n % 3]} {city} {n}"
        orgs.append(
            Organisation.objects.create(
                name=name,
                slug=slugify(name),
                type=kind,
                country_id=country,
                postcode=postcode,
                city=city,
                nuts3_id=_nuts3(country, postcode),
                size_class=SizeClass.SMALL if kind == OrganisationType.SME else "",
                is_demo=True,
            )
        )
    stdout.write(f"facilities demo: created {len(orgs)} organisations of its own")
    return orgs


def _member(org: Organisation) -> User:
    membership = (
        org.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user").first()
    )
    if membership:
        return membership.user
    user, _ = User.objects.get_or_create(
        email=f"facilities-demo-{org.pk}@example.org",
        defaults={"full_name": f"Demo {org.name}"[:150]},
    )
    Membership.objects.get_or_create(
        user=user,
        organisation=org,
        defaults={"role": MembershipRole.ADMIN, "status": MembershipStatus.ACTIVE},
    )
    return user


def _facility(rng, n, owner, sectors, technologies) -> Facility:
    category, label, equipment = KINDS[n % len(KINDS)]
    always_open = category == FacilityCategory.DATA_COMPUTE
    facility = Facility.objects.create(
        owner=owner,
        name=f"{label} {owner.city or owner.name}"[:190] + f" #{n + 1}",
        category=category,
        description=f"{label} van {owner.name}, open voor bedrijven uit Vlaanderen en Nederland "
        "voor industrieel onderzoek en experimentele ontwikkeling.",
        equipment=equipment,
        postcode=owner.postcode,
        city=owner.city,
        country_id=owner.country_id,
        nuts3_id=owner.nuts3_id,
        self_service=rng.random() < 0.4,
        operator_assisted=True,
        as_a_service=rng.random() < 0.5,
        requires_approval=rng.random() < 0.8,
        pending_blocks=rng.random() < 0.7,
        min_duration_minutes=60,
        max_duration_minutes=(7 * 24 * 60) if always_open else rng.choice([240, 480, 600]),
        lead_time_hours=rng.choice([0, 24, 48]),
        max_advance_days=rng.choice([90, 180, 365]),
        is_demo=True,
    )
    facility.sectors.set(rng.sample(sectors, k=min(2, len(sectors))))
    facility.technologies.set(rng.sample(technologies, k=min(2, len(technologies))))
    if not always_open:
        OpeningHours.objects.bulk_create(
            OpeningHours(facility=facility, weekday=d, opens=time(8), closes=time(18))
            for d in range(5)
        )
    hourly = Decimal(rng.randrange(40, 300))
    Tariff.objects.bulk_create(
        Tariff(
            facility=facility,
            customer_class=cls,
            hourly_rate=(hourly * factor).quantize(Decimal("0.01")),
            daily_rate=(hourly * factor * 7).quantize(Decimal("0.01"))
            if rng.random() < 0.5
            else None,
        )
        for cls, factor in RATES.items()
    )
    return facility


def _bookings(rng, facility, bookers, today: date) -> int:
    made = 0
    day = today - timedelta(days=rng.randrange(60, 120))
    slots = selectors.facility_slots(facility=facility)
    tariffs = {t.customer_class: t for t in facility.tariffs.all()}
    for _ in range(rng.randrange(3, 9)):
        day += timedelta(days=rng.randrange(3, 20))
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        start = datetime.combine(day, time(rng.choice([8, 9, 10, 13])), tzinfo=LOCAL_TZ)
        end = start + timedelta(hours=rng.choice([2, 3, 4]))
        if slots and not booking_rules.is_open_throughout(slots, start, end):
            continue
        org, user = rng.choice(bookers)
        cls = selectors.customer_class_for(facility=facility, organisation=org)
        tariff = tariffs[cls]
        quote = booking_rules.compute_quote(
            customer_class=cls,
            hourly_rate=tariff.hourly_rate,
            daily_rate=tariff.daily_rate,
            start=start,
            end=end,
        )
        past = end < timezone.now()
        status = (
            rng.choice([BookingStatus.COMPLETED] * 4 + [BookingStatus.CANCELLED])
            if past
            else rng.choice(
                [BookingStatus.APPROVED, BookingStatus.APPROVED, BookingStatus.REQUESTED]
            )
        )
        Booking.objects.create(
            facility=facility,
            requester=user,
            organisation=org,
            customer_class=cls,
            start=start,
            end=end,
            purpose=rng.choice(
                [
                    "Materiaaltesten voor een nieuw product",
                    "Validatie van een prototype",
                    "Opschaling van een proces",
                    "Metingen voor een klantproject",
                ]
            ),
            status=status,
            hours=quote.hours,
            price=quote.amount,
            price_basis=quote.basis,
        )
        made += 1
    return made


def _living_lab(rng, n, owner, partners, sectors, today) -> LivingLab:
    theme, text = LAB_THEMES[n % len(LAB_THEMES)]
    lab = LivingLab.objects.create(
        owner=owner,
        name=f"Proeftuin {theme} {owner.city}"[:200],
        theme=theme,
        description=text,
        test_environment=text + " Partners aan beide kanten van de grens stellen hun terrein open.",
        how_to_join="Stel een pilot voor via Kennisbrug; de proeftuin antwoordt binnen vier weken.",
        postcode=owner.postcode,
        city=owner.city,
        country_id=owner.country_id,
        nuts3_id=owner.nuts3_id,
        is_demo=True,
    )
    lab.partners.set(partners)
    lab.sectors.set(rng.sample(sectors, k=min(2, len(sectors))))
    PilotCall.objects.create(
        living_lab=lab,
        title=f"Oproep {theme} {today.year}",
        description=f"We zoeken bedrijven die een oplossing voor '{theme.lower()}' willen testen.",
        opens_on=today - timedelta(days=rng.randrange(5, 40)),
        closes_on=today + timedelta(days=rng.randrange(20, 90)),
    )
    return lab


def _pilots(rng, lab, companies, today) -> int:
    made = 0
    for k in range(rng.randrange(2, 5)):
        org, user = rng.choice(companies)
        start = today - timedelta(days=rng.randrange(-60, 300))
        status = rng.choice(
            [
                PilotStatus.PROPOSED,
                PilotStatus.ACCEPTED,
                PilotStatus.COMPLETED,
                PilotStatus.COMPLETED,
                PilotStatus.DECLINED,
            ]
        )
        Pilot.objects.create(
            living_lab=lab,
            proposer=user,
            organisation=org,
            title=f"Pilot {k + 1}: {lab.theme} met {org.name}"[:200],
            goal="Aantonen dat de oplossing werkt in een echte omgeving.",
            what_is_tested=f"Een nieuwe oplossing voor {lab.theme.lower()}.",
            start_date=start,
            end_date=start + timedelta(days=rng.randrange(30, 180)),
            status=status,
            solution_developed=(rng.random() < 0.6) if status == PilotStatus.COMPLETED else None,
            result_summary="De oplossing is getest en bijgestuurd."
            if status == PilotStatus.COMPLETED
            else "",
            reason="De proeftuin zit vol dit jaar." if status == PilotStatus.DECLINED else "",
            is_demo=True,
        )
        made += 1
    return made


def generate(*, rng, scale: int = 1, stdout) -> None:
    today = timezone.localdate()
    orgs = _organisations(rng, stdout)
    sectors, technologies = list(Sector.objects.all()), list(Technology.objects.all())
    owners = [o for o in orgs if o.type == OrganisationType.KNOWLEDGE_INSTITUTION] or orgs
    owners_by_country = {
        c: [o for o in owners if o.country_id == c] or owners for c in ("BE", "NL")
    }
    bookers = [(o, _member(o)) for o in rng.sample(orgs, k=min(len(orgs), 40))]
    facilities = bookings = 0
    for n in range(60 * scale):
        owner = rng.choice(owners_by_country["BE" if n % 2 else "NL"])
        facility = _facility(rng, n, owner, sectors, technologies)
        facilities += 1
        bookings += _bookings(rng, facility, bookers, today)
    companies = [
        (o, u) for o, u in bookers if o.type != OrganisationType.KNOWLEDGE_INSTITUTION
    ] or bookers
    labs = pilots = 0
    for n in range(12 * scale):
        country = "BE" if n % 2 else "NL"
        owner = rng.choice(owners_by_country[country])
        other = [o for o in orgs if o.country_id != owner.country_id] or orgs
        partners = rng.sample(other, k=min(2, len(other))) + rng.sample(orgs, k=min(1, len(orgs)))
        lab = _living_lab(rng, n, owner, [p for p in partners if p.pk != owner.pk], sectors, today)
        labs += 1
        pilots += _pilots(rng, lab, companies, today)
    stdout.write(
        f"facilities demo: {facilities} facilities, {bookings} bookings, {labs} living labs, {pilots} pilots"
    )


def demo_logins() -> list[DemoLogin]:
    """Demo accounts that run a facility (admins of its owner)."""
    from django.utils.translation import gettext as _

    found: list[DemoLogin] = []
    memberships = Membership.objects.filter(
        user__email__endswith=f"@{DEMO_DOMAIN}",
        role=MembershipRole.ADMIN,
        status=MembershipStatus.ACTIVE,
        organisation__facilities__isnull=False,
    ).select_related("user", "organisation")
    for membership in memberships.distinct().order_by("user__email")[:3]:
        found.append(
            DemoLogin(_("facility operator"), membership.user.email, membership.organisation.name)
        )
    return found
