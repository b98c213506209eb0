"""A walk over every page of the site, per role, with real objects from the demo data.

Shared by the phone-width browser test and the one-language test: `build_site()` fills
the (empty) test database with the deterministic demo data set and returns the people
who walk it; `pages(people)` lists `(role, path)` for every page each role can open.

Every page route of the site must be either walked here or named in `NOT_WALKED` with
the reason, so a new page cannot slip past the phone and language checks
(`test_every_page_route_is_walked`).
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import URLPattern, URLResolver, get_resolver

# A file for the import preview page: one row to create, one refused (both kinds shown).
IMPORT_SAMPLE = (
    b"naam;type;kbo;postcode;gemeente;land;leden_e-mail\n"
    b"Nieuwe Lasergroep;kmo;;9000;Gent;BE;info@example.org\n"
    b"Foute Rij;kmo;0403170702;9999;Nergens;BE;\n"
)

# Routes that are not pages a person reads: POST-only actions, downloads, exports
# in other formats, API and back office. Matched on the route's name.
NOT_WALKED = {
    # POST-only actions (they redirect back to a page that is walked)
    "set_language",
    "accounts:token_revoke",
    "organisations:join",
    "innovation:close",
    "innovation:request_introduction",
    "innovation:introduction_transition",
    "facilities:booking_action",
    "facilities:pilot_action",
    "vouchers:application_transition",
    "vouchers:attachment_upload",
    "projects:idea_fit_check",
    "projects:idea_partner_add",
    "projects:idea_partner_remove",
    "projects:idea_invite",
    "projects:invitation_answer",
    "projects:network_join",
    "projects:network_decide",
    "projects:challenge_transition",
    "projects:challenge_respond",
    "projects:response_transition",
    "skills:profile-delete",
    "skills:contact-answer",
    "skills:training-enrol",
    "skills:participation-complete",
    "organisations:invitation_answer",
    "facilities:lab_invitation_answer",
    # Downloads, htmx fragments and machine formats, not pages
    "facilities:ical",
    "vouchers:scheme_export",
    "vouchers:attachment_download",
    "innovation:matches",
    "skills:profile-export",
    "skills:suggest",
    "indicators:export",
    "organisations:export",
    "jobs:failed_retry",
    "jobs:failed_discard",
    "jobs:export_download",
    "accounts:personal_data",  # the person's data as a JSON file
    "core:import_template",  # CSV/XLSX template of an import kind
    "core:import_export",  # CSV/XLSX export of an import kind
    "mfa_download_recovery_codes",  # the recovery codes as a text file
    # allauth steps that exist only in the middle of a flow and otherwise redirect to a
    # page that is walked: the second factor and the one-time codes are asked between
    # password and session, and setting a first password is for accounts without one
    # (every account here has one; the page sends them to "change password").
    "mfa_authenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_confirm_login_code",
    "account_set_password",
}

# Route prefixes that hold no pages of the site's own, and why they are not walked:
# the API answers JSON (its schema and errors are tested in tests/api and the fuzz run),
# the Django admin is the back office with Django's own templates, i18n/ is the
# language switch (a POST that redirects). Static and media files are served outside
# the URLconf (WhiteNoise; media only under DEBUG, unnamed) and there is no health URL
# (the queue's health is `manage.py jobs health`).
NOT_PAGES = ("api/v1/", "admin/", "i18n/")


@dataclass
class People:
    """The people who walk the site: one per role of issue 12's journeys."""

    sme: object
    knowledge_institution: object
    facility_operator: object
    applicant: object
    person: object
    secretariat: object
    # Owners of the objects whose edit pages are walked: role name -> user
    owners: dict = field(default_factory=dict)

    def by_role(self) -> dict:
        return {
            **self.owners,
            "anonymous": None,
            "sme": self.sme,
            "knowledge_institution": self.knowledge_institution,
            "facility_operator": self.facility_operator,
            "applicant": self.applicant,
            "person": self.person,
            "secretariat": self.secretariat,
        }


def build_site(*, index: bool = True) -> People:
    """Fill the empty test database with the demo data (about 8 s) and pick the people;
    `index=False` leaves the search index empty, for tests that do not open pages."""
    call_command("demo_data", stdout=io.StringIO())
    if index:
        call_command("matching", "rebuild", stdout=io.StringIO())
    return find_people()


def find_people() -> People:
    from kennisbrug.organisations.models import Membership
    from kennisbrug.skills.models import Profile
    from kennisbrug.vouchers.models import Application

    user_model = get_user_model()
    active = Membership.objects.filter(status="active").select_related("user", "organisation")
    sme = (
        active.filter(organisation__type="sme", organisation__innovation_questions__isnull=False)
        .order_by("pk")
        .first()
    ) or active.filter(organisation__type="sme").order_by("pk").first()
    institution = active.filter(organisation__type="knowledge_institution").order_by("pk").first()
    operator = (
        active.filter(role="admin", organisation__facilities__isnull=False).order_by("pk").first()
    )
    application = (
        Application.objects.exclude(created_by=None).order_by("pk").select_related("created_by")
    ).first()
    profile = Profile.objects.select_related("user").order_by("pk").first()
    secretariat = user_model.objects.filter(platform_role="secretariat").order_by("pk").first()
    return People(
        sme=sme.user,
        knowledge_institution=institution.user,
        facility_operator=operator.user,
        applicant=application.created_by,
        person=profile.user,
        secretariat=secretariat,
    )


def _first(queryset):
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo data has no {queryset.model.__name__}"
    return obj


def pages(people: People) -> list[tuple[str, str]]:
    """Every page per role, as `(role, path)`; objects are ones the role may see."""
    from kennisbrug.facilities.models import Booking, Facility, LivingLab, Pilot
    from kennisbrug.innovation.models import InnovationQuestion, Introduction
    from kennisbrug.organisations.models import Organisation, ResearchGroup
    from kennisbrug.projects.models import Challenge, Network, ProjectIdea
    from kennisbrug.skills.models import Occupation, Training, Vacancy
    from kennisbrug.vouchers.models import Application, Scheme

    public = [
        "/",
        "/privacy/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/organisations/",
        "/organisations/research-groups/",
        "/organisations/experts/?q=onderzoeker",
        "/matching/search/?q=fotonica",
        "/facilities/",
        "/facilities/living-labs/",
        "/vouchers/",
        "/projects/",
        "/projects/fit-check/",
        "/projects/ideas/",
        "/projects/networks/",
        "/projects/challenges/",
        "/skills/",
        "/skills/trainings/",
        "/skills/vacancies/",
        "/skills/labour-market/",
        "/indicators/region/",
        "/indicators/labour-market/",
    ]
    organisation = _first(Organisation.objects.filter(is_demo=True))
    facility = _first(Facility.objects.all())
    lab = _first(LivingLab.objects.filter(owner__memberships__status="active").distinct())
    scheme = _first(Scheme.objects.all())
    network = _first(Network.objects.all())
    challenge = _first(Challenge.objects.all())
    occupation = _first(Occupation.objects.annotate(n=Count("bottlenecks")).filter(n__gt=0))
    with_admin = {"memberships__status": "active", "memberships__role": "admin"}
    training = _first(
        Training.objects.filter(**{f"provider__{k}": v for k, v in with_admin.items()})
    )
    vacancy = _first(
        Vacancy.objects.filter(**{f"organisation__{k}": v for k, v in with_admin.items()})
    )
    group = _first(
        ResearchGroup.objects.filter(
            organisation__memberships__status="active", organisation__memberships__role="admin"
        )
        .annotate(n=Count("experts"))
        .filter(n__gt=0)
        .select_related("organisation")
    )
    public += [
        f"/organisations/{organisation.slug}/",
        f"/organisations/{group.organisation.slug}/",
        f"/organisations/{group.organisation.slug}/research-groups/{group.pk}/",
        f"/facilities/{facility.pk}/",
        f"/facilities/{facility.pk}/availability/",
        f"/facilities/living-labs/{lab.pk}/",
        f"/vouchers/schemes/{scheme.pk}/",
        f"/projects/networks/{network.pk}/",
        f"/projects/challenges/{challenge.pk}/",
        f"/skills/occupations/{occupation.pk}/",
        f"/skills/vacancies/{vacancy.pk}/",
    ]
    public += _account_key_pages(people)
    walk = [("anonymous", path) for path in public]

    signed_in = [
        "/account/",
        "/account/second-factor/",
        "/account/tokens/",
        "/account/delete/",
        "/organisations/new/",
        "/questions/",
        "/questions/new/",
        "/questions/for-you/",
        "/questions/introductions/",
        "/facilities/bookings/",
        "/facilities/living-labs/pilots/",
        "/vouchers/applications/",
        "/projects/ideas/new/",
        "/projects/invitations/",
        "/projects/networks/new/",
        "/projects/challenges/new/",
        "/skills/profile/",
        "/skills/matches/",
        "/facilities/living-labs/invitations/",
        "/accounts/logout/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
    ]
    for role in ("sme", "knowledge_institution", "facility_operator", "applicant"):
        walk += [(role, path) for path in signed_in]
    # A person seeking work belongs to no organisation: no questions of their own
    walk += [
        ("person", p)
        for p in signed_in
        if not p.startswith(("/questions/new/", "/questions/for-you/"))
    ]

    sme_org = people.sme.memberships.filter(status="active").first().organisation
    # A living lab asks the SME's organisation to be its partner (the demo has none open).
    from kennisbrug.facilities.models import LivingLabInvitation

    LivingLabInvitation.objects.get_or_create(
        living_lab=_first(LivingLab.objects.exclude(owner=sme_org)), organisation=sme_org
    )
    question = InnovationQuestion.objects.filter(organisation=sme_org).order_by("pk").first()
    walk += [
        ("sme", f"/organisations/{sme_org.slug}/"),
        ("sme", f"/organisations/{sme_org.slug}/edit/"),
        ("sme", f"/organisations/{sme_org.slug}/members/"),
        ("sme", f"/vouchers/schemes/{scheme.pk}/apply/"),
        ("sme", f"/facilities/{facility.pk}/book/"),
        ("sme", f"/facilities/living-labs/{lab.pk}/propose/"),
    ]
    if question:
        walk += [("sme", f"/questions/{question.pk}/"), ("sme", f"/questions/{question.pk}/edit/")]
    introduction = (
        Introduction.objects.filter(
            Q(requester_organisation=sme_org) | Q(provider_organisation=sme_org)
        )
        .order_by("pk")
        .first()
    )
    if introduction:
        walk.append(("sme", f"/questions/introductions/{introduction.pk}/"))

    from kennisbrug.facilities.permissions import managed_facility_ids

    own_facility = _first(
        Facility.objects.filter(pk__in=managed_facility_ids(people.facility_operator))
    )
    walk += [
        ("facility_operator", "/facilities/new/"),
        ("facility_operator", "/facilities/bookings/manage/"),
        ("facility_operator", f"/facilities/{own_facility.pk}/edit/"),
        ("facility_operator", f"/facilities/{own_facility.pk}/managers/"),
        ("facility_operator", f"/facilities/{own_facility.pk}/report/"),
    ]
    booking = Booking.objects.filter(facility=own_facility).order_by("pk").first()
    if booking:
        walk.append(("facility_operator", f"/facilities/bookings/{booking.pk}/"))

    application = Application.objects.filter(created_by=people.applicant).order_by("-pk").first()
    walk += [
        ("applicant", f"/vouchers/applications/{application.pk}/"),
        ("applicant", f"/vouchers/applications/{application.pk}/edit/"),
    ]

    walk += [
        ("person", f"/skills/occupations/{occupation.pk}/learning-path/"),
        ("person", "/skills/profile/confirm/"),
    ]

    idea = _first(
        ProjectIdea.objects.filter(
            partners__isnull=False,
            lead_organisation__memberships__status="active",
            lead_organisation__memberships__role="admin",
        ).distinct()
    )
    pilot = Pilot.objects.order_by("pk").first()
    _second_factor(people.secretariat)
    secretariat = [
        "/account/",
        "/account/second-factor/",
        "/accounts/2fa/",
        "/accounts/2fa/reauthenticate/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/2fa/totp/deactivate/",
        "/vouchers/applications/",
        f"/vouchers/applications/{_first(Application.objects.all()).pk}/",
        f"/vouchers/schemes/{scheme.pk}/dashboard/",
        f"/vouchers/schemes/{scheme.pk}/edit/",
        "/vouchers/schemes/new/",
        "/vouchers/aid-register/",
        f"/projects/ideas/{idea.pk}/",
        f"/projects/ideas/{idea.pk}/export.html",
        f"/facilities/reports/organisation/{facility.owner_id}/",
        f"/questions/{_first(InnovationQuestion.objects.all()).pk}/",
        "/indicators/",
        f"/indicators/?year={date.today().year}",
        "/indicators/RCO01/",
    ]
    people.owners["idea_owner"] = _admin_of(idea.lead_organisation)
    walk += [
        ("idea_owner", f"/projects/ideas/{idea.pk}/"),
        ("idea_owner", f"/projects/ideas/{idea.pk}/edit/"),
        ("idea_owner", f"/projects/ideas/{idea.pk}/consortium/"),
        (
            "idea_owner",
            f"/projects/ideas/{idea.pk}/partners/{_first(idea.partners.all()).pk}/edit/",
        ),
    ]
    lab_admin = _admin_of(lab.owner)
    if lab_admin:
        people.owners["lab_owner"] = lab_admin
        walk += [
            ("lab_owner", "/facilities/living-labs/new/"),
            ("lab_owner", f"/facilities/living-labs/{lab.pk}/edit/"),
            ("lab_owner", f"/facilities/living-labs/{lab.pk}/calls/new/"),
        ]
    research_admin = _admin_of(group.organisation)
    if research_admin:
        people.owners["research_owner"] = research_admin
        base = f"/organisations/{group.organisation.slug}"
        expert = _first(group.experts.all())
        walk += [
            ("research_owner", f"{base}/research/"),
            ("research_owner", f"{base}/research-groups/new/"),
            ("research_owner", f"{base}/research-groups/{group.pk}/edit/"),
            ("research_owner", f"{base}/research-groups/{group.pk}/delete/"),
            ("research_owner", f"{base}/experts/new/"),
            ("research_owner", f"{base}/experts/{expert.pk}/edit/"),
            ("research_owner", f"{base}/experts/{expert.pk}/delete/"),
        ]
    trainer = _admin_of(training.provider)
    if trainer:
        people.owners["training_provider"] = trainer
        walk += [
            ("training_provider", "/skills/trainings/new/"),
            ("training_provider", f"/skills/trainings/{training.pk}/edit/"),
            ("training_provider", f"/skills/trainings/{training.pk}/participants/"),
        ]
    employer = _admin_of(vacancy.organisation)
    if employer:
        people.owners["employer"] = employer
        walk += [
            ("employer", "/skills/vacancies/new/"),
            ("employer", f"/skills/vacancies/{vacancy.pk}/edit/"),
            ("employer", f"/skills/vacancies/{vacancy.pk}/"),
        ]
    if pilot:
        secretariat.append(f"/facilities/living-labs/pilots/{pilot.pk}/")
    from kennisbrug.core.imports.services import import_upload_create

    generic = import_upload_create(
        kind="organisations", content=IMPORT_SAMPLE, filename="leden.csv", user=people.secretariat
    )
    secretariat += ["/imports/", "/imports/organisations/", f"/imports/upload/{generic.pk}/"]
    secretariat += [
        f"/imports/{kind}/"
        for kind in ("facilities", "living_labs", "vacancies", "research_groups", "experts")
    ]
    if trainer:
        walk += [("training_provider", "/imports/"), ("training_provider", "/imports/trainings/")]
    secretariat += _background_job_pages(people)
    walk += [("secretariat", path) for path in secretariat]
    walk += [("secretariat", path) for path in _extra_pages()]
    walk += [(role, "/jobs/exports/") for role in ("sme", "applicant")]
    return walk


def _second_factor(user) -> None:
    """An authenticator app and recovery codes for a staff member, as every real one has
    set up: the pages that show or switch them off exist only then."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    from kennisbrug.core.demo import DEMO_TOTP_SECRET

    if not user.authenticator_set.exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


def _account_key_pages(people: People) -> list[str]:
    """allauth's pages after a mail: the steps of a password reset and an e-mail check,
    with real keys for the person (the pages only read the key; nothing is confirmed
    until the form is sent)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    user = people.person
    address = EmailAddress.objects.filter(user=user).first() or EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    key = default_token_generator.make_token(user)
    return [
        "/accounts/password/reset/done/",
        f"/accounts/password/reset/key/{user_pk_to_url_str(user)}-{key}/",
        "/accounts/password/reset/key/done/",
        "/accounts/confirm-email/",
        f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/",
        "/accounts/inactive/",
    ]


def _background_job_pages(people: People) -> list[str]:
    """The dead-letter list with a failed and a retried task, and a prepared export."""
    from datetime import timedelta

    from django.utils import timezone

    from kennisbrug.jobs.constants import FailedTaskStatus
    from kennisbrug.jobs.models import ExportFile, FailedTask

    error = "Traceback (most recent call last):\nConnectionRefusedError: mail server down"
    FailedTask.objects.create(
        task_name="kennisbrug.innovation.tasks.introduction_requested_mail",
        args=[1],
        error=error,
        attempts=6,
    )
    FailedTask.objects.create(
        task_name="kennisbrug.matching.tasks.index_document_changed",
        args=["organisation", "1", False],
        error=error,
        attempts=6,
        status=FailedTaskStatus.RETRIED,
        handled_by=people.secretariat,
        handled_at=timezone.now(),
    )
    export = ExportFile.objects.create(
        requested_by=people.secretariat,
        kind="organisations.registry",
        file_format="csv",
        language="nl",
        title="Organisatieregister",
        expires_at=timezone.now() + timedelta(days=7),
    )
    return [
        "/jobs/failed/",
        "/jobs/failed/?status=retried",
        "/jobs/exports/",
        f"/jobs/exports/{export.pk}/",
    ]


def _admin_of(organisation):
    """An active admin of `organisation`, or None when it has none."""
    membership = (
        organisation.memberships.filter(status="active", role="admin")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _extra_pages() -> list[str]:
    """Pages other features add without arguments (e.g. the secretariat work queue)."""
    names = {_name(pattern) for pattern in _patterns(get_resolver())}
    extra = []
    for name, path in (
        ("secretariat:queue", "/secretariat/"),
        ("secretariat:data_quality", "/secretariat/data-quality/"),
    ):
        if name in names:
            extra.append(path)
    if "secretariat:merge" in names:
        from kennisbrug.organisations.models import Organisation

        # The confirmation page of merging the two oldest organisations (nothing is merged).
        first, second = Organisation.objects.order_by("pk")[:2]
        extra.append(f"/secretariat/data-quality/merge/?keep={first.slug}&remove={second.slug}")
    return extra


def _name(item) -> str:
    return item[0]


def _patterns(resolver, namespace: str = "", prefix: str = ""):
    """`(qualified name, route)` for every named route of the site."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from _patterns(
                pattern,
                f"{namespace}{ns}:" if ns else namespace,
                prefix + str(pattern.pattern),
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


def page_routes() -> list[tuple[str, str]]:
    """Named page routes of the site: everything but `NOT_PAGES` and `NOT_WALKED`.
    allauth's pages (login, sign-up, password reset, second factor) are in: they render
    with the site's own layout and people read them in both languages."""
    return [
        (name, route)
        for name, route in _patterns(get_resolver())
        if not route.startswith(NOT_PAGES) and name not in NOT_WALKED
    ]


def unnamed_routes() -> list[tuple[str, object]]:
    """`(route, view)` of the routes without a name outside `NOT_PAGES`: the walk cannot
    tell them apart, so only redirects (old addresses) may go without a name."""
    found = []

    def visit(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(NOT_PAGES):
                continue
            if isinstance(pattern, URLResolver):
                visit(pattern, route)
            elif not pattern.name:
                found.append((route, pattern.callback))

    visit(get_resolver(), "")
    return found
