"""Demo data: three calls modelled on the anchor schemes, applications in every state.

Everything goes through the services, so the ledger and the aid register are
exactly what real use would have produced. Uses the organisations demo's
organisations; creates a few itself when there are none.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kennisbrug.accounts.models import PlatformRole
from kennisbrug.core.demo import DEMO_DOMAIN, DemoLogin
from kennisbrug.core.models import Sector
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.constants import OrganisationType as T
from kennisbrug.organisations.demo import SECOND_SECRETARIAT_EMAIL, SECRETARIAT_EMAIL
from kennisbrug.organisations.models import Membership, Organisation

from . import aid_thresholds, services
from .constants import AidRegime, ApplicationStatus, ProviderRule, SchemeType
from .money import share

S = ApplicationStatus
PDF = b"%PDF-1.4\n% Kennisbrug demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PLACES = {
    "BE": [
        ("9000", "Gent", "BE234"),
        ("2000", "Antwerpen", "BE211"),
        ("3500", "Hasselt", "BE224"),
        ("8000", "Brugge", "BE251"),
    ],
    "NL": [
        ("5611", "Eindhoven", "NL414"),
        ("4331", "Middelburg", "NL342"),
        ("6211", "Maastricht", "NL423"),
        ("4811", "Breda", "NL411"),
    ],
}
SMES = [
    "Lasrobotica",
    "Precisie Coating",
    "AgriSens",
    "Blauwe Waterstof",
    "Fotonica Werken",
    "Circulair Bouwen",
    "Zorgdata",
    "Voedselpuls",
]
INSTITUTES = [
    ("BE", "Kenniscentrum Lasertechniek Gent", "lasersnijden, fotonica, lasrobots en kalibratie"),
    ("BE", "Onderzoeksgroep Waterstof Antwerpen", "waterstofopslag, elektrolyse, energie"),
    ("NL", "Lectoraat Slimme Productie Eindhoven", "robotica, lasrobots, machine learning"),
    ("NL", "Kennisinstelling Agro en Voeding Zeeland", "sensoren, precisielandbouw, voeding"),
]
NEEDS = [
    ("Lasrobot kalibreren", "Wij willen onze lasrobot nauwkeuriger kalibreren met sensoren."),
    ("Waterstofopslag testen", "Testen van waterstofopslag in kleine tanks voor onze machines."),
    ("Sensoren in de kas", "Welke sensoren meten vocht en voeding in de kas betrouwbaar?"),
    ("Coating duurzamer", "Een coating zonder oplosmiddelen ontwikkelen en testen."),
]
# Every state, in the order the cycle hands them out.
STATES = [
    S.DRAFT,
    S.SUBMITTED,
    S.REVIEWED,
    S.APPROVED,
    S.IN_PROGRESS,
    S.DELIVERED,
    S.PAID,
    S.REJECTED,
    S.EXPIRED,
    S.WITHDRAWN,
]


def _kbo(rng) -> str:
    base = rng.randrange(2000000, 9999999)
    first8 = f"0{base:07d}"
    return first8 + f"{97 - int(first8) % 97:02d}"


def _user(email: str, **extra):
    user, created = get_user_model().objects.get_or_create(email=email, defaults=extra)
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _member(org: Organisation, n: int):
    membership = org.memberships.filter(status=MembershipStatus.ACTIVE).first()
    if membership:
        return membership.user
    user = _user(f"demo-voucher-{org.pk}-{n}@example.org", full_name=f"Contact {org.name}")
    Membership.objects.create(
        user=user, organisation=org, role=MembershipRole.ADMIN, status=MembershipStatus.ACTIVE
    )
    return user


def _organisations(rng, scale=1):
    """Eligible SMEs and knowledge institutions per country; made when missing.

    Twelve SMEs a country per unit of scale: each round of applications takes fresh
    applicants, so none passes the schemes' limit of vouchers per applicant.
    """
    demo = Organisation.objects.filter(is_demo=True, nuts3__in_programme_area=True)
    # SMEs whose admin is a demo login apply first, so a newcomer can log in as an applicant.
    with_login = Exists(
        Membership.objects.filter(
            organisation=OuterRef("pk"),
            status=MembershipStatus.ACTIVE,
            user__email__endswith=f"@{DEMO_DOMAIN}",
        )
    )
    smes = {
        c: list(
            demo.filter(type=T.SME, country_id=c, size_class__in=["micro", "small", "medium"])
            .annotate(with_login=with_login)
            .order_by("-with_login", *Organisation._meta.ordering)[: 12 * max(1, scale)]
        )
        for c in ("BE", "NL")
    }
    kis = {
        c: list(demo.filter(type=T.KNOWLEDGE_INSTITUTION, country_id=c)[:6]) for c in ("BE", "NL")
    }
    sectors = list(Sector.objects.all())
    for country in ("BE", "NL"):
        if len(smes[country]) < 4:
            for i, name in enumerate(SMES):
                postcode, city, nuts3 = rng.choice(PLACES[country])
                org = Organisation.objects.create(
                    name=f"{name} {city}",
                    slug=f"demo-vouchers-{country.lower()}-{i}",
                    type=T.SME,
                    country_id=country,
                    postcode=postcode,
                    city=city,
                    nuts3_id=nuts3,
                    size_class=rng.choice(["micro", "small", "medium"]),
                    kbo_number=_kbo(rng) if country == "BE" else "",
                    kvk_number=f"{rng.randrange(10**7, 10**8)}" if country == "NL" else "",
                    description=f"{name}: innovatieve kmo.",
                    is_demo=True,
                )
                org.sectors.set(rng.sample(sectors, k=min(2, len(sectors))))
                smes[country].append(org)
        if len(kis[country]) < 2:
            for i, (ki_country, name, expertise) in enumerate(INSTITUTES):
                if ki_country != country:
                    continue
                postcode, city, nuts3 = PLACES[country][i % 4]
                org = Organisation.objects.create(
                    name=name,
                    slug=f"demo-vouchers-ki-{i}",
                    type=T.KNOWLEDGE_INSTITUTION,
                    country_id=country,
                    postcode=postcode,
                    city=city,
                    nuts3_id=nuts3,
                    expertise=expertise,
                    offers="Contractonderzoek en haalbaarheidsstudies.",
                    is_demo=True,
                )
                org.sectors.set(rng.sample(sectors, k=min(2, len(sectors))))
                kis[country].append(org)
    return smes, kis


def _schemes(today, kis, secretariat, scale=1):
    small, large = aid_thresholds.mit_voucher("small"), aid_thresholds.mit_voucher("large")
    common = {
        "opens_on": today - dt.timedelta(days=90),
        "closes_on": today + dt.timedelta(days=180),
        "is_demo": True,
        "eligible_size_classes": ["micro", "small", "medium"],
    }
    mit = services.scheme_create(
        created_by=secretariat,
        name="Grensoverschrijdende kennisvoucher (klein)",
        type=SchemeType.KNOWLEDGE_VOUCHER,
        total_budget=Decimal("250000.00") * max(1, scale),
        min_amount=Decimal("1000.00"),
        max_amount=small["value"],
        aid_intensity=small["max_share"],
        provider_rule=ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION,
        max_vouchers_per_applicant=3,
        validity_months=aid_thresholds.mit_assignment_months() * 3,
        aid_regime=AidRegime.DE_MINIMIS,
        required_attachments=["quote"],
        description=f"Naar het model van de MIT-kennisvoucher: tot EUR {small['value']} en "
        f"{small['max_share']} % van de factuur; grote variant tot EUR {large['value']}.",
        **common,
    )
    kmo = services.scheme_create(
        created_by=secretariat,
        name="Innovatieadvies over de grens (KMO-portefeuille-stijl)",
        type=SchemeType.INNOVATION_ADVICE,
        total_budget=Decimal("150000.00") * max(1, scale),
        min_amount=Decimal("500.00"),
        max_amount=Decimal("7500.00"),
        aid_intensity=Decimal("30.00"),
        intensity_by_size_class={"medium": Decimal("20.00")},
        provider_rule=ProviderRule.ACCREDITED,
        accredited_providers=kis["BE"] + kis["NL"],
        max_vouchers_per_applicant=3,
        applicant_annual_cap=Decimal("15000.00"),
        validity_months=12,
        aid_regime=AidRegime.GBER_ART28,
        description="30 % (kleine) of 20 % (middelgrote) van de factuur van een erkende "
        "dienstverlener, met een jaarplafond per onderneming.",
        **common,
    )
    duo = services.scheme_create(
        created_by=secretariat,
        name="Haalbaarheidsstudie kmo-duo Vlaanderen-Nederland",
        type=SchemeType.FEASIBILITY_STUDY,
        total_budget=Decimal("200000.00") * max(1, scale),
        min_amount=Decimal("5000.00"),
        max_amount=Decimal("20000.00"),
        aid_intensity=Decimal("50.00"),
        provider_rule=ProviderRule.KNOWLEDGE_INSTITUTION,
        requires_partner_sme=True,
        max_vouchers_per_applicant=3,
        validity_months=12,
        aid_regime=AidRegime.DE_MINIMIS,
        description="Naar het model van CrossRoads: een Vlaamse en een Zuid-Nederlandse kmo "
        "laten samen een haalbaarheidsstudie uitvoeren.",
        **common,
    )
    return [mit, kmo, duo]


def _drive(app, target, *, people, today, rng):
    """Move `app` from draft to `target` with the services, as the right people."""
    step = services.application_transition
    applicant, provider, reviewer, approver = people
    if target == S.DRAFT:
        return app
    if target == S.WITHDRAWN and rng.random() < 0.5:
        return step(obj=app, action="withdraw", actor=applicant, reason="Plannen gewijzigd.")
    app = step(obj=app, action="submit", actor=applicant)
    if target == S.SUBMITTED:
        return app
    if target == S.REJECTED:
        return step(
            obj=app,
            action="reject",
            actor=reviewer,
            reason="De opdracht is geen kennisvraag maar routinewerk.",
        )
    app = step(obj=app, action="review", actor=reviewer, reason="Volledig en passend.")
    if target == S.REVIEWED:
        return app
    approve_day = today - dt.timedelta(days=400) if target == S.EXPIRED else today
    app = step(obj=app, action="approve", actor=approver, today=approve_day)
    if target == S.EXPIRED:
        return step(obj=app, action="expire", actor=None, today=today)
    if target in (S.APPROVED, S.WITHDRAWN):
        if target == S.WITHDRAWN:
            app = step(
                obj=app,
                action="withdraw",
                actor=applicant,
                reason="De kennisinstelling kon niet op tijd starten.",
            )
        return app
    app = step(obj=app, action="start", actor=provider)
    if target == S.IN_PROGRESS:
        return app
    services.attachment_add(
        application=app,
        kind="invoice",
        uploaded_by=provider,
        file=SimpleUploadedFile("factuur.pdf", PDF, "application/pdf"),
    )
    app = step(obj=app, action="deliver", actor=provider, invoice_amount=app.quote_amount)
    if target == S.DELIVERED:
        return app
    return step(obj=app, action="pay", actor=reviewer)


def generate(*, rng, scale: int = 1, stdout=None) -> None:
    from kennisbrug.vouchers.models import Scheme

    if Scheme.objects.filter(is_demo=True).exists():
        return
    today = timezone.localdate()
    # The two demo secretariat logins (made with a password by the organisations demo):
    # the first reviews, the second decides, so both can finish four-eyes in the browser.
    reviewer = _user(
        SECRETARIAT_EMAIL,
        full_name="Demo Secretariaat (beoordelaar)",
        platform_role=PlatformRole.SECRETARIAT,
        is_staff=True,
    )
    approver = _user(
        SECOND_SECRETARIAT_EMAIL,
        full_name="Demo Secretariaat 2 (beslisser)",
        platform_role=PlatformRole.SECRETARIAT,
        is_staff=True,
    )
    smes, kis = _organisations(rng, scale)
    schemes = _schemes(today, kis, reviewer, scale)
    made = 0
    for scheme in schemes:
        for round_ in range(max(1, scale)):
            for i, target in enumerate(STATES):
                country = "BE" if (i + round_) % 2 == 0 else "NL"
                other = "NL" if country == "BE" else "BE"
                applicant = smes[country][(i // 2 + round_ * len(STATES) // 2) % len(smes[country])]
                provider = rng.choice(kis[other])
                title, need = rng.choice(NEEDS)
                quote = Decimal(rng.randrange(60, 400) * 50)
                intensity = scheme.intensity_for(applicant.size_class)
                requested = min(scheme.max_amount, share(quote, intensity))
                if requested < scheme.min_amount:
                    quote = (scheme.min_amount * 100 / intensity).quantize(Decimal("1")) + 100
                    requested = min(scheme.max_amount, share(quote, intensity))
                member = _member(applicant, i)
                app, _created = services.application_create(
                    scheme=scheme,
                    applicant=applicant,
                    created_by=member,
                    provider=provider,
                    title=title,
                    assignment_description=need,
                    partner=smes[other][i % len(smes[other])]
                    if scheme.requires_partner_sme
                    else None,
                    quote_amount=quote,
                    requested_amount=requested,
                    planned_start=today + dt.timedelta(days=14),
                    planned_end=today + dt.timedelta(days=120),
                    de_minimis_declared=True,
                    de_minimis_other_aid=Decimal(rng.randrange(0, 40) * 1000),
                )
                app.is_demo = True
                app.save(update_fields=["is_demo"])
                if "quote" in scheme.required_attachments:
                    services.attachment_add(
                        application=app,
                        kind="quote",
                        uploaded_by=member,
                        file=SimpleUploadedFile("offerte.pdf", PDF, "application/pdf"),
                    )
                people = (member, _member(provider, 0), reviewer, approver)
                _drive(app, target, people=people, today=today, rng=rng)
                made += 1
    if stdout is not None:
        stdout.write(f"vouchers: {len(schemes)} schemes, {made} applications")


def demo_logins() -> list[DemoLogin]:
    """Demo accounts of organisations that applied for a voucher."""
    from django.utils.translation import gettext as _

    memberships = Membership.objects.filter(
        user__email__endswith=f"@{DEMO_DOMAIN}",
        status=MembershipStatus.ACTIVE,
        organisation__voucher_applications__isnull=False,
    ).select_related("user", "organisation")
    return [
        DemoLogin(_("voucher applicant"), membership.user.email, membership.organisation.name)
        for membership in memberships.distinct().order_by("user__email")[:3]
    ]
