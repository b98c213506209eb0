"""Every kind of bulk import through core's one flow: upload → stored preview → confirm →
task (progress) → result; nothing written before the confirmation, all or nothing, and a
second run of the same file changes nothing. Template and export round trip per kind."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kennisbrug.core.imports import services
from kennisbrug.core.imports.kinds import kind_get, kind_list
from kennisbrug.core.imports.plan import ImportChangedError
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.core.models import AuditLog, ImportStatus, ImportUpload
from kennisbrug.facilities.models import Facility, LivingLab
from kennisbrug.organisations.models import Expert, Organisation, ResearchGroup
from kennisbrug.skills.models import Training, Vacancy

from .conftest import KINDS, SAMPLES, csv_file, sample

pytestmark = pytest.mark.django_db

MODELS = {
    "organisations": Organisation,
    "facilities": Facility,
    "living_labs": LivingLab,
    "trainings": Training,
    "vacancies": Vacancy,
    "research_groups": ResearchGroup,
    "experts": Expert,
}


def run(kind, content, user, django_capture_on_commit_callbacks, organisation_id=None):
    upload = services.import_upload_create(
        kind=kind, content=content, filename="file.csv", user=user, organisation_id=organisation_id
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_upload_confirm(
            upload=upload, user=user, fingerprint=upload.preview["fingerprint"]
        )
    upload.refresh_from_db()
    return upload


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_previews_then_imports_all_rows_and_a_second_run_changes_nothing(
    kind, roles, django_capture_on_commit_callbacks
):
    model = MODELS[kind]
    before = model.objects.count()
    upload = services.import_upload_create(
        kind=kind, content=sample(kind), filename="file.csv", user=roles.secretariat
    )
    rows = upload.preview["rows"]
    assert [r["action"] for r in rows] == ["create", "create"], [r["errors"] for r in rows]
    assert upload.status == ImportStatus.PREVIEWED
    assert model.objects.count() == before  # the preview wrote nothing

    with django_capture_on_commit_callbacks(execute=True):
        services.import_upload_confirm(
            upload=upload, user=roles.secretariat, fingerprint=upload.preview["fingerprint"]
        )
    upload.refresh_from_db()
    assert upload.status == ImportStatus.DONE, upload.errors
    assert upload.result == {"create": 2, "update": 0, "unchanged": 0, "refused": 0}
    assert (upload.progress_done, upload.progress_total, upload.percent) == (2, 2, 100)
    assert model.objects.count() == before + 2
    assert AuditLog.objects.filter(action__endswith="_imported").count() == 2

    again = run(kind, sample(kind), roles.secretariat, django_capture_on_commit_callbacks)
    assert [r["action"] for r in again.preview["rows"]] == ["unchanged", "unchanged"]
    assert again.result == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}
    assert model.objects.count() == before + 2


@pytest.mark.parametrize("kind", KINDS)
def test_export_imported_again_changes_nothing_in_csv_and_xlsx(
    kind, roles, django_capture_on_commit_callbacks
):
    run(kind, sample(kind), roles.secretariat, django_capture_on_commit_callbacks)
    spec = kind_get(kind)
    for file_format in ("csv", "xlsx"):
        for language in ("nl", "en"):
            with translation.override(language):
                content, _type, name = spec.export(
                    file_format=file_format, user=roles.secretariat, language=language
                )
            assert name.endswith(file_format)
            preview = spec.preview(
                content=content, filename=name, user=roles.secretariat, organisation_id=None
            )
            actions = {r.action for r in preview.rows}
            assert actions == {"unchanged"}, [(r.name, r.errors, r.changes) for r in preview.rows]


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_the_header_only_in_the_pages_language(kind):
    spec = kind_get(kind)
    content, _type, _name = spec.template(file_format="csv", language="nl")
    dutch = content.decode("utf-8-sig").strip().splitlines()
    assert len(dutch) == 1 and ("naam" in dutch[0] or "titel" in dutch[0])
    english = spec.template(file_format="csv", language="en")[0].decode("utf-8-sig")
    assert english.strip() != dutch[0]
    xlsx = spec.template(file_format="xlsx", language="nl")
    assert xlsx[2].endswith(".xlsx") and xlsx[0][:2] == b"PK"


@pytest.mark.parametrize("kind", KINDS)
def test_one_refused_row_refuses_the_whole_file_and_nothing_is_written(kind, roles):
    header, rows = SAMPLES[kind]
    broken = csv_file(header, [rows[0], "=cmd|' /C calc'!A0;" + rows[1]])
    before = MODELS[kind].objects.count()
    upload = services.import_upload_create(
        kind=kind, content=broken, filename="f.csv", user=roles.secretariat
    )
    assert upload.preview["can_commit"] is False
    assert upload.preview["counts"]["refused"] == 1
    with pytest.raises(ImportFileError):
        services.import_upload_confirm(
            upload=upload, user=roles.secretariat, fingerprint=upload.preview["fingerprint"]
        )
    assert MODELS[kind].objects.count() == before
    upload.refresh_from_db()
    assert upload.status == ImportStatus.PREVIEWED


def test_a_registry_changed_after_the_preview_fails_the_run_and_writes_nothing(
    roles, django_capture_on_commit_callbacks
):
    upload = services.import_upload_create(
        kind="living_labs", content=sample("living_labs"), filename="f.csv", user=roles.admin
    )
    # Someone registers one of the labs between the preview and the run.
    LivingLab.objects.create(
        owner=roles.organisation,
        name="Proeftuin Haven",
        theme="x",
        description="x",
        test_environment="x",
        how_to_join="x",
        postcode="9000",
        country_id="BE",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_upload_confirm(
            upload=upload, user=roles.admin, fingerprint=upload.preview["fingerprint"]
        )
    upload.refresh_from_db()
    assert upload.status == ImportStatus.FAILED
    assert "changed since the preview" in upload.errors[0] or "gewijzigd" in upload.errors[0]
    assert LivingLab.objects.count() == 1


def test_confirm_needs_the_previews_fingerprint_and_happens_once(
    roles, django_capture_on_commit_callbacks
):
    upload = services.import_upload_create(
        kind="trainings", content=sample("trainings"), filename="f.csv", user=roles.admin
    )
    with pytest.raises(ImportChangedError):
        services.import_upload_confirm(upload=upload, user=roles.admin, fingerprint="0" * 64)
    done = run("trainings", sample("trainings"), roles.admin, django_capture_on_commit_callbacks)
    with pytest.raises(ImportFileError):
        services.import_upload_confirm(
            upload=done, user=roles.admin, fingerprint=done.preview["fingerprint"]
        )


def test_running_an_upload_that_is_not_queued_does_nothing(roles):
    upload = services.import_upload_create(
        kind="trainings", content=sample("trainings"), filename="f.csv", user=roles.admin
    )
    services.import_upload_run(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.status == ImportStatus.PREVIEWED
    assert not Training.objects.exists()


def test_progress_is_recorded_while_the_rows_are_checked(roles):
    seen = []
    writer = services._progress_writer
    upload = services.import_upload_create(
        kind="facilities", content=sample("facilities"), filename="f.csv", user=roles.admin
    )
    report = writer(upload.pk, 2)
    for done in (1, 2):
        report(done)
        seen.append(ImportUpload.objects.get(pk=upload.pk).progress_done)
    assert seen == [1, 2]


# --- who may import what ------------------------------------------------------------


def test_kinds_listed_per_role(roles):
    everything = {k.key for k in kind_list(user=roles.secretariat)}
    assert everything == set(KINDS)
    admin = {k.key for k in kind_list(user=roles.admin)}
    assert admin == {
        "facilities",
        "living_labs",
        "trainings",
        "vacancies",
        "research_groups",
        "experts",
    }
    assert kind_list(user=roles.member) == []
    assert kind_list(user=None) == []


@pytest.mark.parametrize(
    "kind",
    ["facilities", "living_labs", "trainings", "vacancies", "research_groups", "experts"],
)
def test_admin_imports_only_into_their_own_organisation(
    kind, roles, django_capture_on_commit_callbacks
):
    done = run(kind, sample(kind), roles.admin, django_capture_on_commit_callbacks)
    assert done.status == ImportStatus.DONE, done.errors
    assert done.organisation_id == roles.organisation.pk
    # Another organisation's admin: the rows name an organisation they do not run.
    other = services.import_upload_create(
        kind=kind, content=sample(kind), filename="f.csv", user=roles.other
    )
    assert other.preview["counts"]["refused"] == 2
    assert "not an organisation you may import for" in other.preview["rows"][0]["errors"][0] or (
        "geen organisatie" in other.preview["rows"][0]["errors"][0]
    )
    with pytest.raises(PermissionDenied):
        services.import_upload_create(
            kind=kind,
            content=sample(kind),
            filename="f.csv",
            user=roles.other,
            organisation_id=roles.organisation.pk,
        )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_members_and_anonymous_may_import_nothing(kind, who, roles):
    user = roles.as_dict()[who]
    with pytest.raises(PermissionDenied):
        services.import_upload_create(kind=kind, content=sample(kind), filename="f.csv", user=user)
    assert not ImportUpload.objects.exists()


def test_admin_may_not_import_organisations(roles):
    with pytest.raises(PermissionDenied):
        services.import_upload_create(
            kind="organisations",
            content=sample("organisations"),
            filename="f.csv",
            user=roles.admin,
            organisation_id=roles.organisation.pk,
        )


def test_only_the_uploader_confirms(roles):
    upload = services.import_upload_create(
        kind="facilities", content=sample("facilities"), filename="f.csv", user=roles.secretariat
    )
    with pytest.raises(PermissionDenied):
        services.import_upload_confirm(
            upload=upload, user=roles.admin, fingerprint=upload.preview["fingerprint"]
        )
    with pytest.raises(ImportUpload.DoesNotExist):
        services.import_upload_get(pk=upload.pk, user=roles.admin)


def test_unknown_kind_is_a_clear_error(roles):
    with translation.override("en"), pytest.raises(ImportFileError) as error:
        services.import_upload_create(
            kind="spaceships", content=b"a;b\n1;2\n", filename="f.csv", user=roles.secretariat
        )
    assert error.value.messages == ["Unknown kind of import."]


@pytest.mark.parametrize("role", ["admin", "member", "other", "secretariat"])
def test_the_upload_page_offers_confirm_only_when_the_service_would_accept_it(client, roles, role):
    """An admin uploads, then loses the organisation (made a plain member): the page
    says why instead of a button that the service answers with 403. Other people do
    not see the upload at all; the secretariat never had it."""
    from django.conf import settings

    from kennisbrug.organisations.models import Membership
    from tests.clients import log_in

    upload = services.import_upload_create(
        kind="trainings", content=sample("trainings"), filename="f.csv", user=roles.admin
    )
    url = f"/imports/upload/{upload.pk}/"
    user = roles.as_dict()[role]
    if role == "member":  # the uploader, no longer admin of the organisation
        Membership.objects.filter(user=roles.admin).update(role="member")
        user = roles.admin
    log_in(client, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    if role in ("other", "secretariat"):
        assert response.status_code == 404
        return
    page = response.content.decode()
    if role == "admin":
        assert "Confirm and import" in page
        return
    assert "Confirm and import" not in page
    assert "You may no longer import these records for this organisation." in page
    with pytest.raises(PermissionDenied):
        services.import_upload_confirm(
            upload=upload, user=user, fingerprint=upload.preview["fingerprint"]
        )
