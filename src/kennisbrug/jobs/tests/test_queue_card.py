"""The dead-letter card on the secretariat's work queue: count, link, retry and discard."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.jobs import sections, services
from kennisbrug.jobs.constants import FailedTaskStatus
from kennisbrug.jobs.models import FailedTask

pytestmark = pytest.mark.django_db
QUEUE = "/secretariat/"
PING = "kennisbrug.jobs.tasks.ping"


def _failed(n=1):
    return [
        services.failed_task_record(
            name=PING, args=[i], kwargs={}, error="Traceback\nOSError: disk full", attempts=6
        )
        for i in range(n)
    ]


def test_card_shows_count_link_and_buttons(client, roles):
    tasks = _failed(sections.SHOWN + 2)
    log_in(client, roles.secretariat)
    html = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mislukte achtergrondtaken" in html
    assert f'<span class="tag">{len(tasks)}</span>' in html
    assert html.count("OSError: disk full") == sections.SHOWN
    assert reverse("jobs:failed") + f"#task-{tasks[-1].pk}" in html
    assert reverse("jobs:failed_retry", args=[tasks[-1].pk]) in html
    assert reverse("jobs:failed_discard", args=[tasks[-1].pk]) in html
    # only the newest are shown; the oldest is reachable through the full list
    assert reverse("jobs:failed_retry", args=[tasks[0].pk]) not in html
    assert "Alle mislukte taken" in html
    assert PING not in html


def test_card_says_when_nothing_failed(client, roles):
    log_in(client, roles.secretariat)
    html = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No background task has failed." in html
    assert '<span class="tag">0</span>' in html


@pytest.mark.parametrize("who", ["anonymous", "member", "admin", "other"])
def test_card_is_for_programme_staff_only(roles, who):
    user = roles.as_dict()[who] or AnonymousUser()
    _failed()
    assert sections.failed_tasks_card(user=user) is None


def test_retry_from_the_queue_returns_to_the_queue(
    client, roles, django_capture_on_commit_callbacks
):
    (task,) = _failed()
    log_in(client, roles.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:failed_retry", args=[task.pk]), {"next": QUEUE}, follow=True
        )
    assert response.redirect_chain[-1][0] == QUEUE
    assert "opnieuw in de wachtrij" in response.content.decode()
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.RETRIED


def test_discard_from_the_queue_returns_to_the_queue(client, roles):
    (task,) = _failed()
    log_in(client, roles.secretariat)
    response = client.post(reverse("jobs:failed_discard", args=[task.pk]), {"next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.DISCARDED
    # a second press explains instead of acting twice
    again = client.post(
        reverse("jobs:failed_discard", args=[task.pk]), {"next": QUEUE}, follow=True
    )
    assert again.redirect_chain[-1][0] == QUEUE
    assert "Deze taak is al verworpen." in again.content.decode()


@pytest.mark.parametrize(
    "hostile",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "", "x" * 5000],
)
def test_hostile_return_address_falls_back_to_the_list(client, roles, hostile):
    (task,) = _failed()
    log_in(client, roles.secretariat)
    response = client.post(reverse("jobs:failed_discard", args=[task.pk]), {"next": hostile})
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:failed")


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("member", 403), ("admin", 403), ("other", 403)],
)
def test_queue_buttons_refuse_everyone_else(client, roles, who, status):
    (task,) = _failed()
    user = roles.as_dict()[who]
    if user:
        log_in(client, user)
    for name in ("jobs:failed_retry", "jobs:failed_discard"):
        response = client.post(reverse(name, args=[task.pk]), {"next": QUEUE})
        assert response.status_code == status
        if who == "anonymous":
            assert reverse("account_login") in response["Location"]
    assert FailedTask.objects.get(pk=task.pk).status == FailedTaskStatus.FAILED
