"""Failed tasks: the state change stays, the task lands in the dead-letter list, staff act on it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.core.audit import audit_trail
from kennisbrug.core.tasks import enqueue
from kennisbrug.innovation import services as innovation
from kennisbrug.innovation.models import Introduction
from kennisbrug.jobs import selectors, services
from kennisbrug.jobs.constants import FailedTaskStatus
from kennisbrug.jobs.models import FailedTask
from kennisbrug.jobs.tasks import ping
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
INTRO_TASK = "kennisbrug.innovation.tasks.introduction_requested_mail"


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def _request_introduction(roles):
    question = innovation.question_create(
        organisation=roles.organisation,
        author=roles.member,
        title="Lasersnijden van RVS",
        description="Wij zoeken kennis over lasersnijden.",
        sectors=["fotonica"],
    )
    provider = OrganisationFactory(dutch=True, knowledge_institution=True, name="TU Test")
    MembershipFactory(organisation=provider)
    return innovation.introduction_request_for_match(
        question=question,
        requested_by=roles.member,
        kind="organisation",
        target_id=str(provider.pk),
        message="Graag kennismaken",
    )


@pytest.fixture
def failed(roles, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "kennisbrug.jobs.tests.test_dead_letter.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        intro = _request_introduction(roles)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return intro, FailedTask.objects.get(task_name=INTRO_TASK)


def test_failing_mail_keeps_the_state_change_and_is_dead_lettered(failed):
    intro, task = failed
    intro = Introduction.objects.get(pk=intro.pk)
    assert intro.state == "requested"
    assert audit_trail(intro).get().action == "introduction_requested"
    # the first attempt and five retries
    assert task.attempts == 6
    assert task.args == [intro.pk]
    assert task.status == FailedTaskStatus.FAILED
    assert task.error_summary == "ConnectionRefusedError: mail server down"
    assert selectors.failed_task_count() == 1
    assert selectors.health()["failed"] == 1


def test_retry_runs_the_task_again_once(
    failed, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _, task = failed
    with django_capture_on_commit_callbacks(execute=True):
        services.failed_task_retry(failed_task_id=task.pk, actor=roles.secretariat)
    task.refresh_from_db()
    assert task.status == FailedTaskStatus.RETRIED and task.handled_by == roles.secretariat
    assert len(mailoutbox) == 1 and "Eigen Organisatie" in mailoutbox[0].subject
    assert audit_trail(task).get().action == "failed_task_retried"
    with pytest.raises(ValidationError) as exc:
        services.failed_task_retry(failed_task_id=task.pk, actor=roles.secretariat)
    assert exc.value.code == "already_handled"
    with pytest.raises(ValidationError):
        services.failed_task_discard(failed_task_id=task.pk, actor=roles.secretariat)
    assert len(mailoutbox) == 1


def test_a_retry_that_fails_again_comes_back(
    failed, roles, settings, django_capture_on_commit_callbacks
):
    _, task = failed
    settings.EMAIL_BACKEND = "kennisbrug.jobs.tests.test_dead_letter.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        services.failed_task_retry(failed_task_id=task.pk, actor=roles.secretariat)
    assert FailedTask.objects.filter(status=FailedTaskStatus.FAILED).count() == 1
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.RETRIED


def test_discard_and_bad_ids(failed, roles):
    _, task = failed
    services.failed_task_discard(failed_task_id=task.pk, actor=roles.secretariat)
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.DISCARDED
    for bad in (0, -1, 10**9):
        with pytest.raises(ValidationError) as exc:
            services.failed_task_retry(failed_task_id=bad, actor=roles.secretariat)
        assert exc.value.code == "not_found"


def test_unknown_task_name_cannot_be_retried(roles):
    task = services.failed_task_record(name="kennisbrug.gone.tasks.old", args=[1], kwargs={})
    with pytest.raises(ValidationError) as exc:
        services.failed_task_retry(failed_task_id=task.pk, actor=roles.secretariat)
    assert exc.value.code == "unknown_task"
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.FAILED


@pytest.mark.parametrize("who", ["member", "admin", "other"])
def test_only_programme_staff_act(failed, roles, who):
    _, task = failed
    for service in (services.failed_task_retry, services.failed_task_discard):
        with pytest.raises(PermissionDenied):
            service(failed_task_id=task.pk, actor=getattr(roles, who))
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.FAILED


def test_a_queue_that_cannot_be_reached_is_recorded(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(ping.huey, "enqueue", down)
    enqueue(ping, "abc")
    task = FailedTask.objects.get()
    assert task.task_name == "kennisbrug.jobs.tasks.ping" and task.args == ["abc"]
    assert task.attempts == 0 and "queue down" in task.error


# ----- the page ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("member", 403), ("admin", 403), ("other", 403), ("secretariat", 200)],
)
def test_page_permissions(failed, roles, client, who, status):
    user = roles.as_dict()[who]
    if user:
        log_in(client, user)
    _, task = failed
    assert client.get(reverse("jobs:failed")).status_code == status
    post_status = {"anonymous": 302, "secretariat": 302}.get(who, 403)
    for name in ("jobs:failed_retry", "jobs:failed_discard"):
        assert client.post(reverse(name, args=[task.pk])).status_code == post_status
    expected = FailedTaskStatus.RETRIED if who == "secretariat" else FailedTaskStatus.FAILED
    assert FailedTask.objects.get(pk=task.pk).status == expected


def test_page_lists_and_acts(failed, roles, client, mailoutbox, django_capture_on_commit_callbacks):
    _, task = failed
    log_in(client, roles.secretariat)
    page = client.get(reverse("jobs:failed"), HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert "E-mail over een nieuw verzoek tot kennismaking" in html
    assert "mail server down" in html and INTRO_TASK not in html.split("<pre>")[0]
    assert 'class="table-wrap"' in html
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("jobs:failed_retry", args=[task.pk]), follow=True)
    assert len(mailoutbox) == 1
    assert "opnieuw in de wachtrij" in done.content.decode()
    again = client.post(reverse("jobs:failed_retry", args=[task.pk]), follow=True)
    assert "al opnieuw geprobeerd" in again.content.decode()
    missing = client.post(reverse("jobs:failed_discard", args=[999999]), follow=True)
    assert "bestaat niet" in missing.content.decode()
    assert client.get(reverse("jobs:failed") + "?status=retried").status_code == 200
    assert client.get(reverse("jobs:failed") + "?status=<script>&page=x").status_code == 200
    assert client.get(reverse("jobs:failed_retry", args=[task.pk])).status_code == 405


def test_old_entries_are_removed_and_recent_or_open_ones_kept(roles):
    """Entries hold task arguments (addresses, mail texts): handled ones go after 30 days,
    open ones after 90; recent ones and open ones nobody has seen yet stay."""
    from datetime import timedelta

    from django.utils import timezone

    from kennisbrug.jobs.tasks import failed_tasks_cleanup_daily

    now = timezone.now()

    def entry(name, *, failed_days, status=FailedTaskStatus.FAILED, handled_days=None):
        return FailedTask.objects.create(
            task_name=name,
            args=["iemand@example.org"],
            error="boom",
            failed_at=now - timedelta(days=failed_days),
            status=status,
            handled_at=None if handled_days is None else now - timedelta(days=handled_days),
            handled_by=None if handled_days is None else roles.secretariat,
        )

    entry("handled long ago", failed_days=60, status=FailedTaskStatus.DISCARDED, handled_days=31)
    entry("retried long ago", failed_days=60, status=FailedTaskStatus.RETRIED, handled_days=40)
    entry("handled lately", failed_days=60, status=FailedTaskStatus.DISCARDED, handled_days=29)
    entry("open, old", failed_days=91)
    entry("open, recent", failed_days=89)

    assert failed_tasks_cleanup_daily.call_local() == 3
    assert set(FailedTask.objects.values_list("task_name", flat=True)) == {
        "handled lately",
        "open, recent",
    }
    assert failed_tasks_cleanup_daily.call_local() == 0
