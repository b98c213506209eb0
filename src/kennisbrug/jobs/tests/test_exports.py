"""Large exports are prepared by the worker: sent at once below the threshold, else a file on a
page of its own that only the requester (while they keep the right) can download; the task is
queued only after the request's transaction commits; expired files are removed."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.jobs import exports, services
from kennisbrug.jobs.constants import ExportStatus
from kennisbrug.jobs.models import ExportFile
from kennisbrug.jobs.tasks import exports_cleanup_daily
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.vouchers.tests.factories import SchemeFactory

pytestmark = pytest.mark.django_db
URL = "/organisations/export.csv"


@pytest.fixture
def small_threshold(settings, tmp_path):
    settings.KENNISBRUG_EXPORT_SYNC_MAX_ROWS = 2
    settings.KENNISBRUG_EXPORT_DIR = tmp_path / "exports"
    for n in range(3):
        OrganisationFactory(name=f"Exportbedrijf {n}")


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _prepare(client, user, django_capture_on_commit_callbacks, url=URL):
    log_in(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, secure=True)
    assert response.status_code == 302, response.status_code
    return ExportFile.objects.get(), response


def test_a_small_export_is_sent_at_once(client, settings):
    settings.KENNISBRUG_EXPORT_SYNC_MAX_ROWS = 100
    OrganisationFactory(name="Klein Bedrijf")
    log_in(client, UserFactory(secretariat=True))
    response = client.get(URL, secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kennisbrug-organisations.csv"'
    assert any("Klein Bedrijf" in row for row in _rows(response.content))
    assert not ExportFile.objects.exists()


def test_a_large_export_is_prepared_and_downloaded_by_its_requester(
    client, small_threshold, django_capture_on_commit_callbacks
):
    user = UserFactory(secretariat=True)
    export, response = _prepare(client, user, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/jobs/exports/{export.pk}/"
    export.refresh_from_db()
    assert export.status == ExportStatus.READY and export.rows == 3
    page = client.get(response["Location"], secure=True)
    assert page.status_code == 200
    assert f"/jobs/exports/{export.pk}/download/" in page.content.decode()
    download = client.get(f"/jobs/exports/{export.pk}/download/", secure=True)
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert 'filename="kennisbrug-organisations.csv"' in download["Content-Disposition"]
    rows = _rows(b"".join(download.streaming_content))
    assert sum(any(cell.startswith("Exportbedrijf") for cell in row) for row in rows) == 3
    listing = client.get("/jobs/exports/", secure=True)
    assert str(export.pk) in listing.content.decode()


@pytest.mark.parametrize(
    "who",
    ["anonymous", "member of another organisation", "another secretariat user", "lost the role"],
)
def test_nobody_else_can_see_or_download_a_prepared_export(
    who, client, small_threshold, django_capture_on_commit_callbacks
):
    owner = UserFactory(secretariat=True)
    export, _ = _prepare(client, owner, django_capture_on_commit_callbacks)
    client.logout()
    if who == "member of another organisation":
        log_in(client, MembershipFactory().user)
    elif who == "another secretariat user":
        log_in(client, UserFactory(secretariat=True))
    elif who == "lost the role":
        owner.platform_role = ""
        owner.save()
        log_in(client, owner)
    for url in (f"/jobs/exports/{export.pk}/", f"/jobs/exports/{export.pk}/download/"):
        response = client.get(url, secure=True)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404
    if who != "anonymous":
        assert str(export.pk) not in client.get("/jobs/exports/", secure=True).content.decode()


def test_only_the_secretariat_may_ask_for_the_registry(client, small_threshold):
    log_in(client, MembershipFactory().user)
    assert client.get(URL, secure=True).status_code == 403
    assert not ExportFile.objects.exists()
    with pytest.raises(PermissionDenied):
        services.export_request(
            user=MembershipFactory().user,
            kind="organisations.registry",
            params={},
            file_format="csv",
            language="nl",
        )


def test_the_build_is_queued_only_after_commit(
    client, small_threshold, django_capture_on_commit_callbacks
):
    """The export row is the state change; the task that writes the file runs after commit,
    so a rolled-back request queues nothing and a failing build never loses the request."""
    log_in(client, UserFactory(secretariat=True))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(URL, secure=True)
    assert response.status_code == 302
    export = ExportFile.objects.get()
    assert export.status == ExportStatus.PENDING and not export.file
    assert len(callbacks) == 1  # nothing ran inside the transaction
    callbacks[0]()
    export.refresh_from_db()
    assert export.status == ExportStatus.READY


def test_a_failing_build_keeps_the_request_and_says_so(settings, tmp_path):
    settings.KENNISBRUG_EXPORT_DIR = tmp_path / "exports"

    def broken(params):
        raise RuntimeError("disk full")

    exports.kinds.register("tests.broken", BROKEN)
    BROKEN_BUILD["fn"] = broken
    user = UserFactory(secretariat=True)
    export = services.export_request(
        user=user, kind="tests.broken", params={}, file_format="xlsx", language="en"
    )
    with pytest.raises(RuntimeError):
        services.export_build(export_id=str(export.pk))
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "disk full" in export.error


def _broken_build(params):
    return BROKEN_BUILD["fn"](params)


BROKEN_BUILD: dict = {}
BROKEN = exports.ExportKind(
    label="broken",
    allowed=lambda user, params: True,
    size=lambda params: 10**9,
    build=_broken_build,
)


def test_a_requester_who_lost_the_role_gets_no_file(settings, tmp_path):
    settings.KENNISBRUG_EXPORT_DIR = tmp_path / "exports"
    OrganisationFactory()
    user = UserFactory(secretariat=True)
    export = services.export_request(
        user=user, kind="organisations.registry", params={}, file_format="csv", language="nl"
    )
    user.platform_role = ""
    user.save()
    services.export_build(export_id=str(export.pk))
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and not export.file


def test_bad_kind_and_format_are_refused():
    user = UserFactory(secretariat=True)
    for kind, file_format, code in [
        ("nope", "csv", "unknown_export"),
        ("organisations.registry", "exe", "unknown_format"),
    ]:
        with pytest.raises(Exception) as caught:
            services.export_request(
                user=user, kind=kind, params={}, file_format=file_format, language="nl"
            )
        assert getattr(caught.value, "code", None) == code
    assert not ExportFile.objects.exists()


def test_expired_exports_and_their_files_are_removed_daily(
    client, small_threshold, django_capture_on_commit_callbacks
):
    expired, _ = _prepare(client, UserFactory(secretariat=True), django_capture_on_commit_callbacks)
    path = Path(expired.file.path)
    assert path.exists()
    ExportFile.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    kept = services.export_request(
        user=UserFactory(secretariat=True),
        kind="organisations.registry",
        params={},
        file_format="csv",
        language="nl",
    )
    assert exports_cleanup_daily.call_local() == 1
    assert not ExportFile.objects.filter(pk=expired.pk).exists()
    assert ExportFile.objects.filter(pk=kept.pk).exists()
    assert not path.exists()


def test_a_large_voucher_call_export_is_prepared(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.KENNISBRUG_EXPORT_SYNC_MAX_ROWS = -1  # every call counts as large
    settings.KENNISBRUG_EXPORT_DIR = tmp_path / "exports"
    scheme = SchemeFactory()
    url = f"/vouchers/schemes/{scheme.pk}/export/applications.xlsx"
    log_in(client, MembershipFactory().user)
    assert client.get(url, secure=True).status_code == 403
    export, _ = _prepare(
        client, UserFactory(secretariat=True), django_capture_on_commit_callbacks, url=url
    )
    export.refresh_from_db()
    assert export.status == ExportStatus.READY and "-applications-" in export.filename
    assert export.filename.endswith(".xlsx")
    assert export.params == {"scheme": scheme.pk, "what": "applications"}


@pytest.mark.parametrize(("language", "words"), [("en", "Requested on"), ("nl", "Aangevraagd op")])
def test_the_request_date_reads_without_a_double_full_stop(
    client, small_threshold, django_capture_on_commit_callbacks, language, words
):
    import re
    from datetime import datetime

    export, response = _prepare(
        client, UserFactory(secretariat=True), django_capture_on_commit_callbacks
    )
    evening = timezone.make_aware(datetime(2026, 6, 12, 20, 34))  # "8:34 p.m." in English
    ExportFile.objects.filter(pk=export.pk).update(created_at=evening)
    html = client.get(
        response["Location"], secure=True, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    text = re.sub(r"<[^>]+>", "", html.split("</h1>", 1)[1].split("</p>", 1)[0])
    assert words in text and "2026" in text
    assert ".." not in text
