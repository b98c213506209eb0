"""The import pages: one "Import" entry listing the kinds a person may import, a page per
kind (template, export, upload), an upload's preview, confirmation, progress and result.
Dutch and English; no codes shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kennisbrug.core.models import ImportStatus, ImportUpload
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.skills.models import Training
from tests.clients import log_in

from .conftest import KINDS, sample

pytestmark = pytest.mark.django_db


def page(client, user, url, language="nl", **kwargs):
    log_in(client, user)
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **kwargs)


def test_menu_and_index_list_the_kinds_per_role(client, roles):
    index = reverse("core:imports")
    secretariat = page(client, roles.secretariat, index).content.decode()
    assert "Importeren" in secretariat
    for kind in KINDS:
        assert reverse("core:import_kind", args=[kind]) in secretariat
    admin = page(client, roles.admin, index, language="en").content.decode()
    assert "Import" in admin and "Trainings" in admin and "Living labs" in admin
    assert reverse("core:import_kind", args=["organisations"]) not in admin
    member = page(client, roles.member, index)
    assert member.status_code == 403
    assert 'href="/imports/"' not in page(client, roles.member, "/").content.decode()
    client.logout()
    assert client.get(index).status_code == 302  # to the login page


@pytest.mark.parametrize("kind", KINDS)
def test_kind_page_downloads_and_upload_to_preview(kind, client, roles):
    log_in(client, roles.secretariat)
    url = reverse("core:import_kind", args=[kind])
    assert client.get(url).status_code == 200
    for view in ("core:import_template", "core:import_export"):
        for file_format in ("csv", "xlsx"):
            answer = client.get(reverse(view, args=[kind, file_format]))
            assert answer.status_code == 200
            assert "attachment" in answer["Content-Disposition"]
    assert client.get(reverse("core:import_template", args=[kind, "pdf"])).status_code == 404
    answer = client.post(url, {"file": SimpleUploadedFile("f.csv", sample(kind))})
    upload = ImportUpload.objects.get()
    assert answer.status_code == 302 and answer.url == reverse(
        "core:import_upload", args=[upload.pk]
    )
    preview = client.get(answer.url).content.decode()
    assert "Bevestigen en importeren" in preview and "aanmaken" in preview
    assert 'class="table-wrap" role="region"' in preview  # scrolls on its own at 390 px
    for code in ("previewed", "create", "living_labs"):
        assert f">{code}<" not in preview


def test_confirm_runs_the_import_and_shows_the_result_in_english(
    client, roles, django_capture_on_commit_callbacks
):
    log_in(client, roles.admin)
    client.post(
        reverse("core:import_kind", args=["trainings"]),
        {"file": SimpleUploadedFile("f.csv", sample("trainings"))},
    )
    upload = ImportUpload.objects.get()
    url = reverse("core:import_upload", args=[upload.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"fingerprint": upload.preview["fingerprint"]})
    assert answer.status_code == 302
    done = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Imported: 2 created, 0 updated, 0 unchanged." in done
    assert Training.objects.filter(provider=roles.organisation).count() == 2


def test_a_running_import_shows_progress_and_refreshes_itself(client, roles):
    log_in(client, roles.admin)
    client.post(
        reverse("core:import_kind", args=["trainings"]),
        {"file": SimpleUploadedFile("f.csv", sample("trainings"))},
    )
    upload = ImportUpload.objects.get()
    ImportUpload.objects.filter(pk=upload.pk).update(status=ImportStatus.CHECKING, progress_done=1)
    running = client.get(reverse("core:import_upload", args=[upload.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in running
    assert '<progress id="import-progress" max="100" value="50">' in running
    assert "1 van 2 rijen gecontroleerd" in running


def test_file_errors_show_on_the_kind_page_and_keep_nothing(client, roles):
    log_in(client, roles.secretariat)
    answer = client.post(
        reverse("core:import_kind", args=["vacancies"]),
        {"file": SimpleUploadedFile("f.csv", "titel\né\n".encode("latin-1"))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    assert "not UTF-8" in answer.content.decode()
    assert not ImportUpload.objects.exists()


def test_admin_of_two_organisations_chooses_one_and_cannot_pick_another(client, roles):
    second = OrganisationFactory(name="Tweede Organisatie")
    MembershipFactory(organisation=second, user=roles.admin, admin=True)
    log_in(client, roles.admin)
    url = reverse("core:import_kind", args=["trainings"])
    form = client.get(url).content.decode()
    assert "Tweede Organisatie" in form and "Andere Organisatie" not in form
    refused = client.post(
        url,
        {
            "file": SimpleUploadedFile("f.csv", sample("trainings")),
            "organisation": roles.other_organisation.pk,
        },
    )
    assert refused.status_code == 400 and not ImportUpload.objects.exists()
    client.post(
        url, {"file": SimpleUploadedFile("f.csv", sample("trainings")), "organisation": second.pk}
    )
    assert ImportUpload.objects.get().organisation_id == second.pk


@pytest.mark.parametrize("who", ["member", "other"])
def test_others_cannot_see_an_upload_or_use_a_kind_they_may_not(who, client, roles):
    log_in(client, roles.secretariat)
    client.post(
        reverse("core:import_kind", args=["organisations"]),
        {"file": SimpleUploadedFile("f.csv", sample("organisations"))},
    )
    upload = ImportUpload.objects.get()
    user = roles.as_dict()[who]
    assert page(client, user, reverse("core:import_upload", args=[upload.pk])).status_code == 404
    kind = page(client, user, reverse("core:import_kind", args=["organisations"]))
    assert kind.status_code == 403
    export = page(client, user, reverse("core:import_export", args=["organisations", "csv"]))
    assert export.status_code == 403
