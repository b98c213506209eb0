"""The import page and API: permissions per role, upload → preview → confirm."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.core import work_queue
from kennisbrug.core.imports import reading
from kennisbrug.organisations.models import Organisation, OrganisationImport

from .test_imports import DUTCH, csv_bytes

pytestmark = [pytest.mark.django_db]

ROLES = ["anonymous", "other", "member", "admin"]
BROKEN = csv_bytes("naam;type;postcode;land\nZon;kmo;9000;BE\nZon;kmo;9000;BE\n")


def upload_file(content=DUTCH, name="organisations.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def login(client, user):
    if user is not None:
        log_in(client, user)
    return client


# --- page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url",
    [
        reverse("organisations:import"),
        reverse("organisations:import_template", args=["csv"]),
        reverse("organisations:export", args=["xlsx"]),
    ],
)
def test_pages_are_for_the_secretariat_only(client, roles, role, url):
    user = roles.as_dict()[role]
    response = login(client, user).get(url)
    assert response.status_code == (302 if user is None else 403)
    response = login(client, user).post(reverse("organisations:import"), {"file": upload_file()})
    assert response.status_code == (302 if user is None else 403)
    assert not OrganisationImport.objects.exists()


def test_upload_preview_confirm_on_the_page(client, roles):
    log_in(client, roles.secretariat)
    page = client.get(reverse("organisations:import"))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    before = Organisation.objects.count()

    response = client.post(reverse("organisations:import"), {"file": upload_file()})
    upload = OrganisationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:import_preview", args=[upload.pk])
    assert Organisation.objects.count() == before  # nothing written by the upload

    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert '<div class="table-wrap"' in html
    assert "Lasertech BV" in html and "Brabant Robotics" in html
    assert Organisation.objects.count() == before

    # The queue tells the uploader an import waits for confirmation.
    card = next(
        c for c in work_queue.cards_for(roles.secretariat) if c.more_url.endswith("/import/")
    )
    assert card.count == 1

    fingerprint = preview.context["preview"].fingerprint
    done = client.post(response["Location"], {"fingerprint": fingerprint})
    assert done.status_code == 302
    assert Organisation.objects.count() == before + 2
    upload.refresh_from_db()
    assert upload.committed_at is not None
    again = client.post(response["Location"], {"fingerprint": fingerprint})
    assert again.status_code == 400
    assert Organisation.objects.count() == before + 2


def test_page_shows_file_errors_and_refused_rows_without_a_confirm_button(client, roles):
    log_in(client, roles.secretariat)
    response = client.post(
        reverse("organisations:import"), {"file": upload_file("Café".encode("cp1252"))}
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode() or "geen UTF-8" in response.content.decode()
    assert not OrganisationImport.objects.exists()

    response = client.post(reverse("organisations:import"), {"file": upload_file(BROKEN)})
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.context["preview"].counts["refused"] == 1
    assert 'name="fingerprint"' not in html


def test_page_is_dutch_by_default_and_english_on_request(client, roles):
    log_in(client, roles.secretariat)
    dutch = client.get(reverse("organisations:import"))
    assert "Organisaties importeren" in dutch.content.decode()
    english = client.get(reverse("organisations:import"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Import organisations" in english.content.decode()


def test_only_the_uploader_sees_the_preview(client, roles):
    from kennisbrug.accounts.tests.factories import UserFactory

    log_in(client, roles.secretariat)
    response = client.post(reverse("organisations:import"), {"file": upload_file()})
    colleague = UserFactory(secretariat=True)
    log_in(client, colleague)
    assert client.get(response["Location"]).status_code == 404
    log_in(client, roles.admin)
    assert client.get(response["Location"]).status_code == 403


def test_template_and_export_downloads(client, roles):
    log_in(client, roles.secretariat)
    response = client.get(reverse("organisations:import_template", args=["csv"]))
    assert response["Content-Disposition"].endswith('.csv"')
    assert response.content.decode("utf-8-sig").startswith("naam;type;kbo")
    response = client.get(reverse("organisations:export", args=["csv"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.content.decode("utf-8-sig").startswith("name;type;kbo_number")
    assert "Eigen Organisatie" in response.content.decode("utf-8-sig")
    assert client.get(reverse("organisations:export", args=["pdf"])).status_code == 404


def test_upload_over_the_limit_is_refused(client, roles, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    log_in(client, roles.secretariat)
    response = client.post(reverse("organisations:import"), {"file": upload_file(b"x" * 500)})
    assert response.status_code == 400
    assert not OrganisationImport.objects.exists()


# --- API -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_api_is_for_the_secretariat_only(api_client_for, roles, role):
    user = roles.as_dict()[role]
    client = api_client_for(user)
    response = client.post(
        "/api/v1/organisations/imports/", {"file": upload_file()}, format="multipart"
    )
    assert response.status_code == (401 if user is None else 403)
    pk = uuid.uuid4()
    assert client.get(f"/api/v1/organisations/imports/{pk}/").status_code in {401, 403}
    response = client.post(
        f"/api/v1/organisations/imports/{pk}/commit/", {"fingerprint": "0" * 64}, format="json"
    )
    assert response.status_code in {401, 403}
    assert not OrganisationImport.objects.exists()


def test_api_preview_then_commit(api_client_for, roles):
    client = api_client_for(roles.secretariat, language="en")
    before = Organisation.objects.count()
    response = client.post(
        "/api/v1/organisations/imports/", {"file": upload_file()}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["counts"] == {"create": 2, "update": 0, "unchanged": 0, "refused": 0}
    assert body["can_commit"] is True
    assert body["rows"][0]["line"] == 2
    assert body["rows"][0]["invites"] == ["a@example.org"]
    assert body["rows"][1]["region"]
    assert Organisation.objects.count() == before

    url = f"/api/v1/organisations/imports/{body['id']}/"
    assert client.get(url).json()["fingerprint"] == body["fingerprint"]
    bad = client.post(url + "commit/", {"fingerprint": "f" * 64}, format="json")
    assert bad.status_code == 409
    assert bad["Content-Type"].startswith("application/problem+json")
    assert Organisation.objects.count() == before

    done = client.post(url + "commit/", {"fingerprint": body["fingerprint"]}, format="json")
    assert done.status_code == 200
    assert done.json()["committed"] is True
    assert Organisation.objects.count() == before + 2
    twice = client.post(url + "commit/", {"fingerprint": body["fingerprint"]}, format="json")
    assert twice.status_code == 400
    assert "already been imported" in twice.json()["detail"]


def test_api_file_errors_are_problems_in_the_readers_language(api_client_for, roles):
    client = api_client_for(roles.secretariat, language="nl")
    response = client.post(
        "/api/v1/organisations/imports/",
        {"file": upload_file(csv_bytes("naam\nZon\n"))},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "file"
    assert "Verplichte kolommen ontbreken" in response.json()["detail"]
    client = api_client_for(roles.secretariat, language="en")
    response = client.post(
        "/api/v1/organisations/imports/", {"file": upload_file(BROKEN)}, format="multipart"
    )
    body = response.json()
    assert body["can_commit"] is False
    assert body["rows"][1]["action"] == "refused"
    commit = client.post(
        f"/api/v1/organisations/imports/{body['id']}/commit/",
        {"fingerprint": body["fingerprint"]},
        format="json",
    )
    assert commit.status_code == 400
    assert Organisation.objects.filter(name="Zon").count() == 0


def test_api_upload_from_xlsx(api_client_for, roles):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Name", "Type", "Postcode", "Country"])
    workbook.active.append(["Zon", "sme", 9000, "Belgium"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = api_client_for(roles.secretariat, language="en")
    response = client.post(
        "/api/v1/organisations/imports/",
        {"file": upload_file(buffer.getvalue(), "zon.xlsx")},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["rows"][0]["action"] == "create"
