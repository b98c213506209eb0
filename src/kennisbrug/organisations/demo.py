"""The organisations part of the demo data set: a registry on both sides of the border.

Bulk-created for speed; every identifier is generated valid and checked with
python-stdnum, every region comes from the shipped postcode reference data, and
every record is marked: is_demo=True and "(demo)" in its name.

Demo accounts: secretariaat@demo.kennisbrug.eu and secretariaat-2@demo.kennisbrug.eu
(secretariat, staff: two people, so four-eyes approval can be completed) and
beheerder-N@demo.kennisbrug.eu (admins of the first organisations). Their password
is KENNISBRUG_DEMO_PASSWORD, or "kennisbrug-demo" when DEBUG is on; without
either, the accounts get no usable password.
"""

import random
from decimal import Decimal

from django.utils.text import slugify

from kennisbrug.core.demo import (
    DEMO_DOMAIN,
    DemoLogin,
    demo_password,
    demo_staff_authenticator_add,
)
from kennisbrug.core.fragments import fragments_changed
from kennisbrug.core.models import Postcode, Sector, Technology

from . import demo_texts as t
from .constants import MembershipRole, MembershipStatus, OrganisationType, SizeClass
from .identifiers import is_valid_kbo, is_valid_vat, kvk_compact
from .models import Membership, Organisation
from .receivers import CATALOGUE_FRAGMENT
from .size import size_class_for

BASE_COUNT = 300
SECRETARIAT_EMAIL = f"secretariaat@{DEMO_DOMAIN}"
SECOND_SECRETARIAT_EMAIL = f"secretariaat-2@{DEMO_DOMAIN}"
# Type mix of a border-region registry; the first six rows make sure every type occurs.
TYPE_WEIGHTS = [
    (OrganisationType.SME, 48),
    (OrganisationType.LARGE_ENTERPRISE, 8),
    (OrganisationType.KNOWLEDGE_INSTITUTION, 14),
    (OrganisationType.GOVERNMENT, 12),
    (OrganisationType.INTERMEDIARY, 12),
    (OrganisationType.OTHER, 6),
]
SME_RANGES = {  # staff, turnover (EUR) well inside each class
    SizeClass.MICRO: ((1, 9), (50_000, 1_900_000)),
    SizeClass.SMALL: ((10, 49), (2_100_000, 9_500_000)),
    SizeClass.MEDIUM: ((50, 249), (10_500_000, 45_000_000)),
}


class _Places:
    """Real postcodes from the reference data: (country, postcode, city, Postcode row)."""

    def __init__(self):
        rows = Postcode.objects.select_related("municipality", "nuts3").order_by(
            "country_id", "code", "municipality_id"
        )
        self.by_key = {}
        for row in rows:
            self.by_key.setdefault((row.country_id, row.code), row)
        self.be_inside = [r for r in rows if r.country_id == "BE" and r.nuts3.in_programme_area]
        self.be_outside = [
            self.by_key[("BE", c)] for c in t.BE_OUTSIDE_POSTCODES if ("BE", c) in self.by_key
        ]

    def pick(self, rng: random.Random, country: str, inside: bool):
        if country == "BE":
            row = rng.choice(self.be_inside if inside or not self.be_outside else self.be_outside)
            return row.code, row.municipality.name_nl if row.municipality else "", row
        towns = t.NL_TOWNS if inside else t.NL_OUTSIDE
        town, codes = rng.choice(towns)
        codes = [c for c in codes if ("NL", c) in self.by_key]
        pc4 = rng.choice(codes)
        letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        return f"{pc4} {letters}", town, self.by_key[("NL", pc4)]


class _Identifiers:
    def __init__(self):
        self.kbo = set(
            Organisation.objects.exclude(kbo_number="").values_list("kbo_number", flat=True)
        )
        self.kvk = set(
            Organisation.objects.exclude(kvk_number="").values_list("kvk_number", flat=True)
        )
        self.vat = set(
            Organisation.objects.exclude(vat_number="").values_list("vat_number", flat=True)
        )

    def kbo_number(self, rng: random.Random) -> str:
        while True:
            base = rng.randint(2_000_000, 9_999_999)  # 0 + 7 digits: the classic range
            number = f"0{base}{97 - (base % 97):02d}"
            if number not in self.kbo and is_valid_kbo(number):
                self.kbo.add(number)
                return number

    def kvk_number(self, rng: random.Random) -> str:
        while True:
            number = kvk_compact(str(rng.randint(10_000_000, 99_999_999)))
            if number not in self.kvk:
                self.kvk.add(number)
                return number

    def nl_vat(self, rng: random.Random) -> str:
        while True:
            number = f"NL{rng.randint(1_000_000, 999_999_999):09d}B{rng.randint(1, 3):02d}"
            if number not in self.vat and is_valid_vat(number):
                self.vat.add(number)
                return number


def _keywords(rng, sectors, english: bool, n: int) -> list[str]:
    pool = []
    for sector in sectors:
        pool += [k for k in (sector.keywords_en if english else sector.keywords_nl).split("|") if k]
    rng.shuffle(pool)
    return (pool * n)[:n]


def _texts(rng, org_type, sectors, name, city) -> dict[str, str]:
    english = rng.random() < 0.3
    k1, k2, k3 = _keywords(rng, sectors, english, 3)
    words = {"k1": k1, "k2": k2, "k3": k3}
    pick = lambda nl, en: rng.choice(en if english else nl).format(**words)  # noqa: E731
    sector_names = ", ".join(s.name_en if english else s.name_nl for s in sectors)
    template = t.DESCRIPTION_EN if english else t.DESCRIPTION_NL
    texts = {
        "description": template.format(name=name, sectors=sector_names, city=city),
        "expertise": pick(t.EXPERTISE_NL, t.EXPERTISE_EN),
        "offers": "",
        "needs": "",
    }
    if org_type == OrganisationType.KNOWLEDGE_INSTITUTION:
        texts["offers"] = pick(t.OFFERS_KNOWLEDGE_NL, t.OFFERS_KNOWLEDGE_EN)
    elif org_type in (OrganisationType.GOVERNMENT, OrganisationType.INTERMEDIARY):
        texts["offers"] = pick(t.OFFERS_SUPPORT_NL, t.OFFERS_SUPPORT_EN)
    else:
        texts["offers"] = pick(t.OFFERS_COMPANY_NL, t.OFFERS_COMPANY_EN)
    if org_type in (OrganisationType.SME, OrganisationType.OTHER) or rng.random() < 0.2:
        k1, k2 = _keywords(rng, sectors, english, 2)
        words.update(k1=k1, k2=k2)
        texts["needs"] = pick(t.NEEDS_NL, t.NEEDS_EN)
    return texts


def _name(rng, org_type, country, city, sectors) -> str:
    noun = rng.choice(t.SECTOR_NOUNS.get(sectors[0].code, ["Innovatie"]))
    if org_type == OrganisationType.SME:
        first = rng.choice(t.SURNAMES + t.WORDS)
        return f"{first} {noun} {rng.choice(t.SME_SUFFIXES[country])}"
    if org_type == OrganisationType.LARGE_ENTERPRISE:
        return f"{rng.choice(t.WORDS)} {noun} Group {'NV' if country == 'BE' else 'N.V.'}"
    if org_type == OrganisationType.KNOWLEDGE_INSTITUTION:
        return rng.choice(
            [
                f"Kenniscentrum {noun} {city}",
                f"Hogeschool {city} – lectoraat {noun}",
                f"Onderzoeksinstituut {noun} {rng.choice(t.WORDS)}",
            ]
        )
    if org_type == OrganisationType.GOVERNMENT:
        return rng.choice(
            [f"{'Stad' if country == 'BE' else 'Gemeente'} {city}", f"Economisch huis {city}"]
        )
    if org_type == OrganisationType.INTERMEDIARY:
        return rng.choice(
            [
                f"{noun} Cluster {rng.choice(t.WORDS)}",
                f"Innovatiehuis {city}",
                f"Ondernemersnetwerk {rng.choice(t.WORDS)}",
            ]
        )
    return f"Stichting {rng.choice(t.WORDS)} {noun}"


def _size(rng, org_type):
    if org_type == OrganisationType.SME:
        size = rng.choice([SizeClass.MICRO, SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM])
        (s_lo, s_hi), (m_lo, m_hi) = SME_RANGES[size]
        staff, turnover = rng.randint(s_lo, s_hi), Decimal(rng.randint(m_lo, m_hi))
    elif org_type == OrganisationType.LARGE_ENTERPRISE:
        staff, turnover = rng.randint(260, 8000), Decimal(rng.randint(60_000_000, 900_000_000))
    else:
        return None, None, None, ""
    balance = (turnover * Decimal(rng.randint(40, 120)) / 100).quantize(Decimal("1"))
    size = size_class_for(
        staff_headcount=staff, annual_turnover=turnover, balance_sheet_total=balance
    )
    return staff, turnover, balance, size


def generate(*, rng: random.Random, scale: int = 1, stdout=None) -> list[Organisation]:
    """Create BASE_COUNT × scale demo organisations and the demo accounts."""
    places, ids = _Places(), _Identifiers()
    sectors = list(Sector.objects.order_by("sort_order"))
    technologies = list(Technology.objects.order_by("framework", "sort_order"))
    types, weights = zip(*TYPE_WEIGHTS, strict=True)
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    organisations, relations = [], []
    for i in range(BASE_COUNT * max(scale, 1)):
        org_type = types[i] if i < len(types) else rng.choices(types, weights)[0]
        country = "BE" if i % 2 == 0 else "NL"
        inside = i < len(types) or rng.random() < 0.88
        postcode, city, area = places.pick(rng, country, inside)
        own_sectors = rng.sample(sectors, rng.choice([1, 1, 2, 3]))
        base = f"{_name(rng, org_type, country, city, own_sectors)} (demo)"
        name, n = base, 1
        while slugify(name) in taken_slugs:
            n += 1
            name = base.replace(" (demo)", f" {n} (demo)")
        slug = slugify(name)
        taken_slugs.add(slug)
        staff, turnover, balance, size = _size(rng, org_type)
        org = Organisation(
            name=name,
            slug=slug,
            type=org_type,
            country_id=country,
            postcode=postcode,
            city=city,
            street=f"{rng.choice(['Industrieweg', 'Kerkstraat', 'Stationsplein', 'Havenlaan', 'Technologiepark', 'Science Park'])} {rng.randint(1, 180)}",
            nuts3=area.nuts3,
            municipality=area.municipality,
            website=f"https://{slug}.example.org",
            email=f"info@{slug}.example.org",
            phone=("+32 " if country == "BE" else "+31 ")
            + str(rng.randint(10_000_000, 99_999_999)),
            staff_headcount=staff,
            annual_turnover=turnover,
            balance_sheet_total=balance,
            size_class=size,
            is_demo=True,
            **_texts(rng, org_type, own_sectors, name.removesuffix(" (demo)"), city),
        )
        if country == "BE":
            org.kbo_number = ids.kbo_number(rng)
            if (
                org_type in (OrganisationType.SME, OrganisationType.LARGE_ENTERPRISE)
                or rng.random() < 0.3
            ):
                org.vat_number = f"BE{org.kbo_number}"
        else:
            org.kvk_number = ids.kvk_number(rng)
            if (
                org_type in (OrganisationType.SME, OrganisationType.LARGE_ENTERPRISE)
                or rng.random() < 0.3
            ):
                org.vat_number = ids.nl_vat(rng)
        organisations.append(org)
        relations.append((own_sectors, rng.sample(technologies, rng.choice([0, 1, 1, 2, 3]))))

    Organisation.objects.bulk_create(organisations, batch_size=500)
    sector_links, technology_links = [], []
    SectorLink = Organisation.sectors.through
    TechnologyLink = Organisation.technologies.through
    for org, (own_sectors, own_technologies) in zip(organisations, relations, strict=True):
        sector_links += [SectorLink(organisation_id=org.pk, sector_id=s.pk) for s in own_sectors]
        technology_links += [
            TechnologyLink(organisation_id=org.pk, technology_id=x.pk) for x in own_technologies
        ]
    SectorLink.objects.bulk_create(sector_links, batch_size=1000)
    TechnologyLink.objects.bulk_create(technology_links, batch_size=1000)
    fragments_changed(CATALOGUE_FRAGMENT)  # bulk writes send no model signals
    _accounts(organisations[:12])
    if stdout:
        stdout.write(f"organisations: {len(organisations)} demo organisations")
        password = demo_password()
        stdout.write(
            f"organisations: demo logins {SECRETARIAT_EMAIL}, {SECOND_SECRETARIAT_EMAIL} "
            f"(and beheerder-N@{DEMO_DOMAIN}), "
            + (
                "password from KENNISBRUG_DEMO_PASSWORD or the DEBUG default"
                if password
                else "no usable password: set KENNISBRUG_DEMO_PASSWORD"
            )
        )
    return organisations


def _accounts(admin_of: list[Organisation]) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from kennisbrug.accounts.models import PlatformRole

    user_model = get_user_model()
    password = demo_password()
    hashed = make_password(password)  # hash once: hashing is slow on purpose
    people = [
        (SECRETARIAT_EMAIL, "Demo Secretariaat (beoordelaar)", True, None),
        (SECOND_SECRETARIAT_EMAIL, "Demo Secretariaat 2 (beslisser)", True, None),
    ] + [
        (f"beheerder-{n}@{DEMO_DOMAIN}", f"Demo Beheerder {n}", False, org)
        for n, org in enumerate(admin_of, start=1)
    ]
    for email, full_name, staff, org in people:
        user, created = user_model.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "is_staff": staff,
                "platform_role": PlatformRole.SECRETARIAT if staff else "",
                "password": hashed,
            },
        )
        if created and not password:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if staff and password:
            # Staff decide only after a second factor; the demo key is documented.
            demo_staff_authenticator_add(user)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if org is not None:
            Membership.objects.get_or_create(
                user=user,
                organisation=org,
                defaults={"role": MembershipRole.ADMIN, "status": MembershipStatus.ACTIVE},
            )


def demo_logins() -> list[DemoLogin]:
    """The secretariat pair (reviewer, decider) and the organisation admins by type."""
    from django.utils.translation import gettext as _

    found = [
        DemoLogin(_("programme secretariat, first reviewer"), SECRETARIAT_EMAIL),
        DemoLogin(_("programme secretariat, second decider (four-eyes)"), SECOND_SECRETARIAT_EMAIL),
    ]
    admins = (
        Membership.objects.filter(
            user__email__startswith="beheerder-",
            user__email__endswith=f"@{DEMO_DOMAIN}",
            role=MembershipRole.ADMIN,
            status=MembershipStatus.ACTIVE,
        )
        .select_related("user", "organisation")
        .order_by("user__date_joined", "user_id")
    )
    seen_types = set()
    for membership in admins:
        organisation = membership.organisation
        if organisation.type in seen_types:  # one per type keeps the list short
            continue
        seen_types.add(organisation.type)
        found.append(
            DemoLogin(
                _("organisation admin (%(type)s)") % {"type": organisation.get_type_display()},
                membership.user.email,
                organisation.name,
            )
        )
    return found
