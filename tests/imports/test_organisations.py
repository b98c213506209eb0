"""The organisation import runs through the one generic flow: its former own page, API
and command are gone; what they did (invitations and regions in the preview, XLSX with
English columns, the work-queue card, the registry export) works through the generic one."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kennisbrug.core import personal_data, work_queue
from kennisbrug.core.models import ImportStatus, ImportUpload
from kennisbrug.organisations.models import Invitation, Organisation
from kennisbrug.organisations.tests.test_imports import DUTCH
from tests.clients import log_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports/"


def post(client, content, name="organisations.csv"):
    return client.post(
        URL,
        {"kind": "organisations", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_the_former_pages_lead_to_the_generic_ones_and_the_former_api_is_gone(
    client, roles, api_client_for
):
    log_in(client, roles.secretariat)
    answer = client.get("/organisations/import/")
    assert answer.status_code == 302
    assert answer.url == reverse("core:import_kind", args=["organisations"])
    answer = client.get("/organisations/import/template.xlsx")
    assert answer.url == reverse("core:import_template", args=["organisations", "xlsx"])
    api = api_client_for(roles.secretariat, language="en")
    gone = api.post(
        "/api/v1/organisations/imports/",
        {"file": SimpleUploadedFile("f.csv", DUTCH)},
        format="multipart",
    )
    assert gone.status_code in (404, 405)
    # Redirected, the page still refuses who may not import organisations.
    log_in(client, roles.admin)
    assert client.get("/organisations/import/", follow=True).status_code == 403


def test_api_preview_names_invitations_and_regions_then_imports_once(
    roles, api_client_for, django_capture_on_commit_callbacks
):
    client = api_client_for(roles.secretariat, language="en")
    before = Organisation.objects.count()
    body = post(client, DUTCH).json()
    rows = body["preview"]["rows"]
    assert [r["action"] for r in rows] == ["create", "create"]
    assert "Invite: a@example.org" in rows[0]["notes"]
    assert any("Eindhoven" in note or "Zuidoost" in note for note in rows[1]["notes"]), rows[1]
    assert Organisation.objects.count() == before and not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            f"{URL}{body['id']}/confirm/",
            {"fingerprint": body["preview"]["fingerprint"]},
            format="json",
        )
    assert confirmed.status_code == 202
    assert client.get(f"{URL}{body['id']}/").json()["status"] == "done"
    assert Organisation.objects.count() == before + 2
    assert Invitation.objects.filter(email="a@example.org").count() == 1
    again = client.post(
        f"{URL}{body['id']}/confirm/", {"fingerprint": body["preview"]["fingerprint"]}
    )
    assert again.status_code == 400
    second = post(client, DUTCH).json()
    assert second["preview"]["counts"] == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}


def test_xlsx_with_english_columns_and_number_cells(roles, api_client_for):
    workbook = Workbook()
    workbook.active.append(["Name", "Type", "Postcode", "Country", "Annual turnover", "Staff"])
    workbook.active.append(["Zon", "sme", 9000, "Belgium", 1250000.5, 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    answer = post(api_client_for(roles.secretariat, language="en"), buffer.getvalue(), "zon.xlsx")
    assert answer.status_code == 201, answer.content
    row = answer.json()["preview"]["rows"][0]
    assert row["action"] == "create", row


def test_work_queue_card_lists_uploads_waiting_for_confirmation(client, roles):
    log_in(client, roles.secretariat)
    client.post(
        reverse("core:import_kind", args=["organisations"]),
        {"file": SimpleUploadedFile("leden.csv", DUTCH)},
    )
    upload = ImportUpload.objects.get()

    def card():
        return next(c for c in work_queue.cards_for(roles.secretariat) if c.more_url == "/imports/")

    assert card().count == 1
    assert card().items[0].label == "leden.csv"
    assert card().items[0].url == reverse("core:import_upload", args=[upload.pk])
    ImportUpload.objects.filter(pk=upload.pk).update(status=ImportStatus.DONE)
    assert card().count == 0
    assert all(c.more_url != "/imports/" for c in work_queue.cards_for(roles.admin))


def test_uploads_are_in_the_persons_data_export_and_erased_with_it(roles):
    ImportUpload.objects.create(
        kind="organisations",
        uploaded_by=roles.secretariat,
        filename="leden.csv",
        content=DUTCH,
        sha256="0" * 64,
    )
    source = personal_data.sources.get("imports")
    exported = source.export(roles.secretariat)
    assert [f["filename"] for f in exported["import_files"]] == ["leden.csv"]
    assert source.export(roles.admin) == {"import_files": []}
    source.erase(roles.secretariat)
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "member", "admin", "other"])
def test_registry_export_is_for_the_secretariat_only(who, client, roles):
    user = roles.as_dict()[who]
    if user is not None:
        log_in(client, user)
    answer = client.get(reverse("organisations:export", args=["csv"]))
    assert answer.status_code == (302 if user is None else 403)


def test_registry_export_in_the_readers_language(client, roles):
    log_in(client, roles.secretariat)
    answer = client.get(reverse("organisations:export", args=["csv"]), HTTP_ACCEPT_LANGUAGE="en")
    text = answer.content.decode("utf-8-sig")
    assert text.startswith("name;type;kbo_number") and "Eigen Organisatie" in text
    assert client.get(reverse("organisations:export", args=["pdf"])).status_code == 404
