"""Demo innovation questions (Dutch and English) and introductions in every state.

Reads the demo organisations made by the organisations demo; enterprises ask,
knowledge institutions and others receive introduction requests. Run
`manage.py matching rebuild` afterwards so the questions are searchable.
"""

from datetime import timedelta

from django.utils import timezone

from kennisbrug.organisations.constants import MembershipStatus, OrganisationType
from kennisbrug.organisations.models import Organisation

from .constants import (
    INTRODUCTION_EXPIRY_DAYS,
    BudgetRange,
    IntroductionState,
    QuestionStatus,
    Timeframe,
    Visibility,
)
from .models import InnovationQuestion, Introduction

# (language, title, description, desired outcome, sector, technology)
TOPICS = [
    (
        "nl",
        "Lasersnijden van dunne RVS-platen zonder verkleuring",
        "Wij zijn een metaalbewerker uit de Kempen en zoeken kennis over fotonica en lasersnijden van dunne roestvrijstalen platen zonder aanloopkleuren.",
        "Een procesvenster en proefsnedes op een testlaser.",
        "fotonica",
        "ket2012-photonics",
    ),
    (
        "en",
        "Robotic welding for small batch production",
        "We build custom trailers in small batches and want to know whether a collaborative welding robot can pay off for us.",
        "A feasibility study and a demo on a cobot cell.",
        "slimme-maakindustrie",
        "crit2023-robotics-autonomous-systems",
    ),
    (
        "nl",
        "Waterstofopslag voor een bedrijventerrein",
        "Ons bedrijventerrein wil overschotten van zonnestroom opslaan als groene waterstof. Wie kent de veiligheidseisen en de businesscase?",
        "Haalbaarheidsstudie met kostenraming.",
        "duurzame-energie",
        "crit2023-energy",
    ),
    (
        "en",
        "Precision farming sensors for potato fields",
        "We grow potatoes on both sides of the border and want soil moisture sensors and satellite data to steer irrigation.",
        "A pilot on two fields with a data dashboard.",
        "agrofood",
        "crit2023-advanced-sensing",
    ),
    (
        "nl",
        "Eiwittransitie: plantaardige burger met betere textuur",
        "Wij produceren vleesvervangers en zoeken een kennisinstelling met extrusie-expertise om de textuur van onze plantaardige burger te verbeteren.",
        "Recepturen en een extrusieproef.",
        "agrofood",
        "ket2012-industrial-biotechnology",
    ),
    (
        "en",
        "Machine vision for quality control of castings",
        "Our foundry inspects castings by hand. We look for machine vision and AI expertise to detect surface defects automatically.",
        "A trained model and a camera set-up on the line.",
        "slimme-maakindustrie",
        "ket2018-artificial-intelligence",
    ),
    (
        "nl",
        "Chemische recycling van gemengd plastic afval",
        "Wij verwerken gemengd kunststofafval en willen weten welke chemische recyclingroutes (pyrolyse, solvolyse) haalbaar zijn op kleine schaal.",
        "Labtesten op onze afvalstromen.",
        "duurzame-chemie",
        "crit2023-advanced-materials-manufacturing-recycling",
    ),
    (
        "en",
        "Digital twin of our packaging line",
        "We want a digital twin of our packaging line to predict maintenance and test layout changes before we build them.",
        "A working twin of one line.",
        "digitale-technologieen",
        "ket2018-advanced-manufacturing",
    ),
    (
        "nl",
        "Slimme sluizen en waterbeheer in de polder",
        "Ons waterschap-adviesbureau zoekt partners voor sensoren en modellen die sluizen en gemalen slimmer aansturen bij droogte en hoogwater.",
        "Een gezamenlijk projectvoorstel.",
        "water-blue-economy",
        "crit2023-advanced-sensing",
    ),
    (
        "en",
        "Biocompatible coating for orthopaedic implants",
        "We develop orthopaedic implants and need a partner with surface engineering and biocompatibility testing facilities.",
        "Coating samples and cytotoxicity tests.",
        "life-sciences-health",
        "ket2018-life-science-technologies",
    ),
    (
        "nl",
        "Elektrificatie van ons droogproces",
        "Wij drogen groenten met aardgas en willen overstappen op een warmtepomp of elektrische droging. Wie helpt met procesintensivering?",
        "Een energiebalans en een ontwerp.",
        "duurzame-chemie",
        "crit2023-energy",
    ),
    (
        "en",
        "Route optimisation for cross-border deliveries",
        "Our logistics company delivers in Flanders and the south of the Netherlands and wants smarter route planning with electric trucks.",
        "An optimisation model tested on real orders.",
        "logistiek",
        "ket2018-artificial-intelligence",
    ),
    (
        "nl",
        "3D-printen van metalen reserveonderdelen",
        "Wij onderhouden oude machines waarvan onderdelen niet meer leverbaar zijn. Kan additieve productie in metaal een oplossing zijn?",
        "Testprints en materiaalkeuring.",
        "geavanceerde-systemen-materialen",
        "ket2018-advanced-manufacturing",
    ),
    (
        "en",
        "Quantum-safe encryption for our IoT devices",
        "We make connected meters and want to prepare their firmware for post-quantum cryptography.",
        "Advice and a prototype firmware.",
        "digitale-technologieen",
        "ket2018-security-connectivity",
    ),
    (
        "nl",
        "Aquacultuur: zeewierteelt op de Noordzee",
        "Wij willen zeewier telen in een windpark op zee en zoeken kennis over teeltsystemen en verwerking tot voedingsingrediënten.",
        "Een proefteelt van één seizoen.",
        "water-blue-economy",
        "ket2012-industrial-biotechnology",
    ),
    (
        "en",
        "Optical sensor for milk quality on the farm",
        "We want to measure milk quality per cow with an optical sensor in the milking robot.",
        "A prototype sensor and validation data.",
        "fotonica",
        "ket2018-micro-nano-electronics-photonics",
    ),
    (
        "nl",
        "Predictief onderhoud van pompen met trillingsdata",
        "Wij hebben honderden pompen bij klanten staan en willen storingen voorspellen met trillingssensoren en machine learning.",
        "Een voorspellend model met 80% trefkans.",
        "digitale-technologieen",
        "crit2023-artificial-intelligence",
    ),
    (
        "en",
        "Lightweight composite panels for buses",
        "We build bus bodies and look for lightweight, fire-safe composite panels to lower energy use.",
        "Material samples and fire tests.",
        "geavanceerde-systemen-materialen",
        "ket2012-advanced-materials",
    ),
    (
        "nl",
        "Restwarmte van de haven benutten",
        "Ons chemiebedrijf in de haven heeft veel restwarmte. Wij zoeken partners voor een warmtenet met buurbedrijven over de grens.",
        "Een warmtekaart en een consortium.",
        "duurzame-energie",
        "crit2023-energy",
    ),
    (
        "en",
        "Microfluidic chip for rapid diagnostics",
        "Our start-up develops a microfluidic chip for rapid infection tests and needs cleanroom access and micro-fabrication expertise.",
        "Ten working prototypes.",
        "life-sciences-health",
        "ket2012-micro-nanoelectronics",
    ),
]

STATES = [
    IntroductionState.REQUESTED,
    IntroductionState.ACCEPTED,
    IntroductionState.DECLINED,
    IntroductionState.WITHDRAWN,
    IntroductionState.EXPIRED,
]


def _member(organisation):
    m = organisation.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user")
    first = m.order_by("pk").first()
    return first.user if first else None


def generate(*, rng, scale: int = 1, stdout=None) -> None:
    orgs = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    askers = [
        o for o in orgs if o.type in {OrganisationType.SME, OrganisationType.LARGE_ENTERPRISE}
    ]
    providers = [o for o in orgs if o.type != OrganisationType.SME] or orgs
    if not askers or len(orgs) < 2:
        if stdout:
            stdout.write("innovation demo: no demo organisations, skipped.")
        return
    now = timezone.now()
    questions = []
    for n in range(40 * scale):
        _lang, title, description, outcome, sector, tech = TOPICS[n % len(TOPICS)]
        asker = askers[rng.randrange(len(askers))]
        q = InnovationQuestion.objects.create(
            organisation=asker,
            author=_member(asker),
            title=title if n < len(TOPICS) else f"{title} ({n // len(TOPICS) + 1})",
            description=description,
            desired_outcome=outcome,
            budget=rng.choice(BudgetRange.values),
            timeframe=rng.choice(Timeframe.values),
            visibility=Visibility.MATCHED_ONLY if n % 7 == 3 else Visibility.PUBLIC,
            status=QuestionStatus.CLOSED if n % 11 == 10 else QuestionStatus.OPEN,
            is_demo=True,
        )
        # Sectors and technologies are keyed by their code; the stubs assume integer keys.
        q.sectors.set([sector])  # type: ignore[list-item]
        q.technologies.set([tech])  # type: ignore[list-item]
        questions.append(q)
    count = 0
    for n, q in enumerate(questions):
        candidates = [p for p in providers if p.pk != q.organisation_id]
        if not candidates or n % 4 == 3:
            continue
        provider = candidates[rng.randrange(len(candidates))]
        state = STATES[n % len(STATES)]
        created = now - timedelta(days=rng.randint(1, 60))
        intro = Introduction.objects.create(
            question=q,
            requester_organisation=q.organisation,
            requested_by=q.author,
            provider_organisation=provider,
            target_title=provider.name,
            target_id=str(provider.pk),
            message="Wij maken graag kennis." if n % 2 else "We would like to meet you.",
            state=state,
            response_message=""
            if state in {IntroductionState.REQUESTED, IntroductionState.WITHDRAWN}
            else "Graag, neem contact op."
            if state == IntroductionState.ACCEPTED
            else "",
            responded_by=_member(provider) if state == IntroductionState.ACCEPTED else None,
            expires_at=(
                now + timedelta(days=INTRODUCTION_EXPIRY_DAYS - 3)
                if state == IntroductionState.REQUESTED
                else created + timedelta(days=INTRODUCTION_EXPIRY_DAYS)
            ),
            decided_at=None
            if state == IntroductionState.REQUESTED
            else created + timedelta(days=2),
            is_demo=True,
        )
        Introduction.objects.filter(pk=intro.pk).update(created_at=created)
        count += 1
    if stdout:
        stdout.write(f"innovation demo: {len(questions)} questions, {count} introductions.")
