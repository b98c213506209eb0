"""POST /api/v1/imports/ → preview; POST /api/v1/imports/{id}/confirm/ → the task;
GET /api/v1/imports/{id}/ → status, progress and result. Errors are problem+json."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kennisbrug.core.imports import reading
from kennisbrug.core.models import ImportUpload
from kennisbrug.facilities.models import LivingLab

from .conftest import sample

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports/"


def upload(client, kind, content, **extra):
    return client.post(
        URL,
        {"kind": kind, "file": SimpleUploadedFile("f.csv", content), **extra},
        format="multipart",
    )


def test_admin_previews_confirms_and_polls_until_done(
    roles, api_client_for, django_capture_on_commit_callbacks
):
    client = api_client_for(roles.admin, language="en")
    answer = upload(client, "living_labs", sample("living_labs"))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "previewed" and body["organisation"] == roles.organisation.pk
    assert body["preview"]["counts"]["create"] == 2
    assert [r["action"] for r in body["preview"]["rows"]] == ["create", "create"]
    assert not LivingLab.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            f"{URL}{body['id']}/confirm/",
            {"fingerprint": body["preview"]["fingerprint"]},
            format="json",
        )
    assert confirmed.status_code == 202, confirmed.content
    polled = client.get(f"{URL}{body['id']}/").json()
    assert polled["status"] == "done" and polled["percent"] == 100
    assert polled["result"] == {"create": 2, "update": 0, "unchanged": 0, "refused": 0}
    assert LivingLab.objects.count() == 2


def test_file_errors_are_problem_json_with_translated_messages(roles, api_client_for):
    answer = upload(api_client_for(roles.secretariat, language="nl"), "trainings", b"  \n")
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/problem+json")
    assert answer.json()["code"] == "file"
    assert answer.json()["errors"] == ["Het bestand is leeg."]
    assert not ImportUpload.objects.exists()


def test_oversized_upload_is_refused(roles, api_client_for):
    big = b"x" * (reading.MAX_BYTES + 1)
    answer = upload(api_client_for(roles.secretariat, language="en"), "trainings", big)
    assert answer.status_code in (400, 413)
    assert answer["Content-Type"].startswith("application/problem+json")


def test_wrong_fingerprint_is_a_conflict_and_refused_rows_a_bad_request(roles, api_client_for):
    client = api_client_for(roles.secretariat, language="en")
    body = upload(client, "vacancies", sample("vacancies")).json()
    conflict = client.post(f"{URL}{body['id']}/confirm/", {"fingerprint": "a" * 64}, format="json")
    assert conflict.status_code == 409 and conflict.json()["code"] == "changed"
    header = b"werkgever;titel;beroep;regio\n"
    refused = upload(client, "vacancies", header + b"Eigen Organisatie;Lasser;onbekend;BE211\n")
    rbody = refused.json()
    assert rbody["preview"]["can_commit"] is False
    assert "Unknown occupation" in rbody["preview"]["rows"][0]["errors"][0]
    answer = client.post(
        f"{URL}{rbody['id']}/confirm/",
        {"fingerprint": rbody["preview"]["fingerprint"]},
        format="json",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "file"


@pytest.mark.parametrize(
    ("who", "kind", "status"),
    [
        ("anonymous", "trainings", 401),
        ("member", "trainings", 403),
        ("other", "organisations", 403),
        ("admin", "organisations", 403),
        ("secretariat", "organisations", 201),
        ("admin", "trainings", 201),
        ("other", "trainings", 201),  # their own organisation; rows naming ours are refused
    ],
)
def test_who_may_upload(who, kind, status, roles, api_client_for):
    client = api_client_for(roles.as_dict()[who], language="en")
    answer = upload(client, kind, sample(kind))
    assert answer.status_code == status, answer.content
    if status == 201 and who == "other":
        assert answer.json()["preview"]["counts"]["refused"] == 2


def test_another_organisations_admin_cannot_name_our_organisation(roles, api_client_for):
    client = api_client_for(roles.other, language="en")
    answer = upload(client, "facilities", sample("facilities"), organisation=roles.organisation.pk)
    assert answer.status_code == 403
    assert answer["Content-Type"].startswith("application/problem+json")


def test_only_the_uploader_sees_and_confirms_an_upload(roles, api_client_for):
    mine = upload(api_client_for(roles.admin), "trainings", sample("trainings")).json()
    for user in (roles.other, roles.secretariat, roles.member):
        client = api_client_for(user)
        assert client.get(f"{URL}{mine['id']}/").status_code == 404
        answer = client.post(
            f"{URL}{mine['id']}/confirm/",
            {"fingerprint": mine["preview"]["fingerprint"]},
            format="json",
        )
        assert answer.status_code == 404


def test_unknown_kind_and_missing_file_are_bad_requests(roles, api_client_for):
    client = api_client_for(roles.secretariat, language="en")
    assert upload(client, "spaceships", b"a\n1\n").json()["errors"] == ["Unknown kind of import."]
    missing = client.post(URL, {"kind": "trainings"}, format="multipart")
    assert missing.status_code == 400
    assert "file" in missing.json()["errors"]


def test_status_shows_progress_while_the_rows_are_checked(roles, api_client_for):
    from kennisbrug.core.models import ImportStatus

    client = api_client_for(roles.admin, language="en")
    body = upload(client, "trainings", sample("trainings")).json()
    ImportUpload.objects.filter(pk=body["id"]).update(status=ImportStatus.CHECKING, progress_done=1)
    polled = client.get(f"{URL}{body['id']}/").json()
    assert polled["status"] == "checking"
    assert (polled["progress_done"], polled["progress_total"], polled["percent"]) == (1, 2, 50)
