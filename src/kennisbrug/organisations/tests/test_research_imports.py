"""The bulk import of research groups and experts (core's owned-records flow): groups
first, experts naming their group, Dutch and English headers, consent as ja/nee, a round
trip that changes nothing, and admins limited to their own organisation. The generic
hostile-file and all-or-nothing cases run for these kinds in tests/imports."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kennisbrug.core.imports import services
from kennisbrug.core.imports.kinds import kind_get
from kennisbrug.core.models import ImportStatus
from kennisbrug.organisations.models import Expert, ResearchGroup

from .factories import ResearchGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GROUPS = (
    "\ufefforganisatie;naam;expertise;beschrijving\n"
    "Eigen Organisatie;Lab Waterstof;waterstofopslag, elektrolyse;Onderzoek naar opslag.\n"
)
EXPERTS_NL = (
    "\ufefforganisatie;naam;functie;onderzoeksgroep;expertise;e-mail;toestemming\n"
    "Eigen Organisatie;Prof. An Janssens;hoogleraar;lab waterstof;elektrolyse;an@example.org;ja\n"
    "Eigen Organisatie;Dr. Bart Claes;onderzoeker;;lasers;;nee\n"
)
EXPERTS_EN = (
    "organisation,name,role,research_group,expertise,email,consent\n"
    "Eigen Organisatie,Prof. An Janssens,professor,Lab Waterstof,electrolysis,an@example.org,yes\n"
)


def run(kind, text, user, capture, organisation_id=None):
    upload = services.import_upload_create(
        kind=kind,
        content=text.encode("utf-8"),
        filename="file.csv",
        user=user,
        organisation_id=organisation_id,
    )
    if upload.preview["can_commit"]:
        with capture(execute=True):
            services.import_upload_confirm(
                upload=upload, user=user, fingerprint=upload.preview["fingerprint"]
            )
        upload.refresh_from_db()
    return upload


def test_groups_then_experts_with_their_group_and_consent(
    roles, django_capture_on_commit_callbacks
):
    run("research_groups", GROUPS, roles.admin, django_capture_on_commit_callbacks)
    group = ResearchGroup.objects.get(organisation=roles.organisation)
    upload = run("experts", EXPERTS_NL, roles.admin, django_capture_on_commit_callbacks)
    assert upload.status == ImportStatus.DONE, upload.preview["rows"]
    an = Expert.objects.get(name="Prof. An Janssens")
    assert (an.research_group, an.listed, an.email) == (group, True, "an@example.org")
    bart = Expert.objects.get(name="Dr. Bart Claes")
    assert (bart.research_group, bart.listed) == (None, False)

    # English headers update the same expert (found by organisation and name).
    upload = run("experts", EXPERTS_EN, roles.admin, django_capture_on_commit_callbacks)
    assert [r["action"] for r in upload.preview["rows"]] == ["update"]
    an.refresh_from_db()
    assert (an.role, an.expertise) == ("professor", "electrolysis")


def test_round_trip_with_groups_changes_nothing(roles, django_capture_on_commit_callbacks):
    run("research_groups", GROUPS, roles.secretariat, django_capture_on_commit_callbacks)
    run("experts", EXPERTS_NL, roles.secretariat, django_capture_on_commit_callbacks)
    for key in ("research_groups", "experts"):
        kind = kind_get(key)
        for file_format in ("csv", "xlsx"):
            for language in ("nl", "en"):
                with translation.override(language):
                    content, _type, name = kind.export(
                        file_format=file_format, user=roles.secretariat, language=language
                    )
                preview = kind.preview(
                    content=content, filename=name, user=roles.secretariat, organisation_id=None
                )
                assert {r.action for r in preview.rows} == {"unchanged"}, [
                    (r.name, r.errors, r.changes) for r in preview.rows
                ]
                assert len(preview.rows) == (1 if key == "research_groups" else 2)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Eigen Organisatie;Dr. X;;Onbekende groep;lasers;;ja",
            "is not a research group of this organisation",
        ),
        ("Eigen Organisatie;Dr. X;;;lasers;;misschien", "is not yes or no"),
        ("Eigen Organisatie;Dr. X;;;lasers;geen-adres;ja", "e-mail"),
        ("Eigen Organisatie;Dr. X;;;;;ja", "expertise"),
        ("Eigen Organisatie;" + "X" * 201 + ";;;lasers;;ja", "200"),
        ("Andere Organisatie;Dr. X;;;lasers;;ja", "not an organisation you may import for"),
    ],
)
def test_bad_expert_rows_are_refused_and_nothing_is_written(
    roles, row, message, django_capture_on_commit_callbacks
):
    ResearchGroupFactory(organisation=roles.other_organisation, name="Onbekende groep")
    text = (
        "organisatie;naam;functie;onderzoeksgroep;expertise;e-mail;toestemming\n"
        "Eigen Organisatie;Dr. Goed;;;lasers;;ja\n" + row + "\n"
    )
    upload = run("experts", text, roles.admin, django_capture_on_commit_callbacks)
    refused = upload.preview["rows"][1]
    assert refused["action"] == "refused"
    assert message in " ".join(refused["errors"]), refused["errors"]
    assert not upload.preview["can_commit"]
    assert not Expert.objects.exists()


def test_an_admin_of_another_organisation_cannot_import_into_ours(roles):
    with pytest.raises(PermissionDenied):
        services.import_upload_create(
            kind="experts",
            content=EXPERTS_NL.encode(),
            filename="file.csv",
            user=roles.other,
            organisation_id=roles.organisation.pk,
        )
    with pytest.raises(PermissionDenied):
        services.import_upload_create(
            kind="research_groups",
            content=GROUPS.encode(),
            filename="file.csv",
            user=roles.member,
        )
    assert not ResearchGroup.objects.exists() and not Expert.objects.exists()


def test_the_export_of_an_admin_holds_only_their_organisations_experts(roles):
    from .factories import ExpertFactory

    ExpertFactory(organisation=roles.organisation, name="Eigen Expert")
    ExpertFactory(organisation=roles.other_organisation, name="Vreemde Expert")
    content, _type, _name = kind_get("experts").export(
        file_format="csv", user=roles.admin, language="nl"
    )
    text = content.decode("utf-8-sig")
    assert "Eigen Expert" in text and "Vreemde Expert" not in text
