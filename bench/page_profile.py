"""CPU, wall time and queries of single page requests, per visitor, in the server's own process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_copy uv run --frozen python bench/page_profile.py
    … bench/page_profile.py --repeat 30 /organisations/ /facilities/
    … bench/page_profile.py --profile member /organisations/     # cProfile of the kept path
    … bench/page_profile.py --profile member --cold /organisations/   # …of a full render

Requests go through Django's test client (the whole middleware stack, no HTTP server) with
production settings (DEBUG off, persistent connection, the cache in the database unless
REDIS_URL is set), one at a time, so the figures are what one request costs the process that
serves it: CPU (`time.process_time`, the least disturbed by other jobs on a shared machine),
wall time (includes waiting for PostgreSQL) and the number of queries. A hello-world view
behind the same middleware is the baseline.

Visitors: anonymous, a member of an SME (the first active membership of an SME organisation)
and the secretariat (the first active secretariat account), logged in as the login page would
(one session row each is written: use a copy of a bench database, e.g.
`createdb -T kb_bench kb_copy`, and the matching index of that database in
KENNISBRUG_VAR_DIR/index). Two columns per visitor:

- *rendered*: the kept fragments (core.fragments) are dropped before each request, so the
  page is rendered from the database, as the first request after a change is;
- *kept*: the page asked again, as the next visitors of the same audience get it.

Medians over --repeat requests after two warm-up requests. Prints; asserts nothing. The
script sets DEBUG off, `testserver` as allowed host and (unless given) a throwaway secret
key, and collects static files into DJANGO_STATIC_ROOT when they are not there yet (the
manifest is what production renders `{% static %}` from).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

PAGES = (
    "/organisations/",
    "/facilities/",
    "/matching/search/?q=waterstof",
    "/organisations/research-groups/",
    "/organisations/experts/",
    "/facilities/living-labs/",
    "/questions/",
    "/skills/trainings/",
    "/skills/vacancies/",
)
VISITORS = ("anonymous", "member", "secretariat")


def _setup() -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kennisbrug.conf.base",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django
    from django.conf import settings

    django.setup()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)

    # The baseline view behind the same middleware, next to the site's own URLs.
    from django.http import HttpResponse
    from django.urls import include, path

    def hello(request):
        return HttpResponse("Hello, world", content_type="text/plain")

    urls = types.ModuleType("page_profile_urls")
    urls.urlpatterns = [path("bench/hello/", hello), path("", include("kennisbrug.urls"))]  # type: ignore[attr-defined]
    sys.modules[urls.__name__] = urls
    settings.ROOT_URLCONF = urls.__name__


def _clients() -> dict:
    from django.test import Client

    from kennisbrug.accounts.models import User
    from kennisbrug.core.second_factor import needs_second_factor
    from kennisbrug.organisations.constants import MembershipStatus, OrganisationType
    from kennisbrug.organisations.models import Membership

    member = (
        Membership.objects.filter(
            status=MembershipStatus.ACTIVE,
            organisation__type=OrganisationType.SME,
            user__is_active=True,
            user__platform_role="",
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    secretariat = (
        User.objects.filter(platform_role="secretariat", is_active=True).order_by("pk").first()
    )
    clients = {"anonymous": Client()}
    for who, user in (("member", member and member.user), ("secretariat", secretariat)):
        if user is None:
            print(f"no {who} in this database: left out")
            continue
        client = Client()
        client.force_login(user)
        if needs_second_factor(user):
            from tests.clients import pass_second_factor

            pass_second_factor(client, user)
        clients[who] = client
    return clients


def _request(client, url: str, *, cold: bool) -> tuple[int, float, float]:
    from django.core.cache import caches

    if cold:
        caches["fragments"].clear()
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(url, secure=True)
    return (
        response.status_code,
        (time.process_time() - cpu) * 1000,
        (time.perf_counter() - wall) * 1000,
    )


def _queries(client, url: str, *, cold: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _request(client, url, cold=cold)
    return len(captured)


def _measure(client, url: str, repeat: int, *, cold: bool) -> tuple[int, float, float, int]:
    for _ in range(2):
        _request(client, url, cold=cold)
    runs = [_request(client, url, cold=cold) for _ in range(repeat)]
    cpu = statistics.median(r[1] for r in runs)
    wall = statistics.median(r[2] for r in runs)
    return runs[-1][0], cpu, wall, _queries(client, url, cold=cold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=PAGES)
    parser.add_argument("--repeat", type=int, default=15, help="requests per figure (median)")
    parser.add_argument("--who", nargs="*", default=VISITORS, choices=VISITORS)
    parser.add_argument("--profile", choices=VISITORS, help="print a cProfile of one URL instead")
    parser.add_argument("--cold", action="store_true", help="profile the rendered path")
    parser.add_argument("--sort", default="cumulative", help="cProfile order (tottime, …)")
    args = parser.parse_args()
    _setup()
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    clients = _clients()

    if args.profile:
        client, url = clients[args.profile], args.urls[0]
        _measure(client, url, 3, cold=args.cold)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            _request(client, url, cold=args.cold)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(args.sort)
        print(f"{args.repeat} requests of {url} as {args.profile}, cold={args.cold}")
        stats.print_stats(40)
        return 0

    _, cpu, wall, queries = _measure(clients["anonymous"], "/bench/hello/", args.repeat, cold=False)
    print(f"hello-world view: {cpu:.1f} ms CPU, {wall:.1f} ms wall, {queries} queries")
    print(
        "| page | visitor | status | rendered: CPU ms | wall ms | queries "
        "| kept: CPU ms | wall ms | queries |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for url in args.urls:
        for who in args.who:
            if who not in clients:
                continue
            status, cpu, wall, queries = _measure(clients[who], url, args.repeat, cold=True)
            _, kcpu, kwall, kqueries = _measure(clients[who], url, args.repeat, cold=False)
            print(
                f"| `{url}` | {who} | {status} | {cpu:.1f} | {wall:.1f} | {queries} "
                f"| {kcpu:.1f} | {kwall:.1f} | {kqueries} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
