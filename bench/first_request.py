"""First request after `make serve` starts against the requests after it (issue 15, item 1).

Starts `scripts/serve` (gunicorn, production settings, DEBUG off) with one worker on a free
port on 127.0.0.1, on PostgreSQL with the demo data, and asks each page once right after the
server answers /healthz (the worker's first request for it), then `--repeat` more times. With
one worker every first request lands on the worker that just booted, so the table shows what
the warm-up (conf/gunicorn.py: the master loads the model, the index and a few pages before
it forks; the worker replays the index and runs a search before it accepts) leaves to the
first visitor.

    uv run --frozen python bench/first_request.py            # database kb_first_request
    uv run --frozen python bench/first_request.py --database-url postgres://…/kb_other

An empty database is filled first (migrations, reference and demo data, the index; about two
minutes here). Figures are printed, not asserted.
"""

import argparse
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PAGES = (
    "/",
    "/organisations/",
    "/facilities/",
    "/facilities/living-labs/",
    "/matching/search/?q=waterstof",
    "/skills/trainings/",
    "/skills/vacancies/",
    "/projects/ideas/",
    "/vouchers/",
    "/api/v1/organisations/",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str) -> tuple[int, float]:
    request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def _manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "src/manage.py", *args], env=env, cwd=BASE, check=True, timeout=1800
    )


def _prepare(env: dict) -> None:
    """Fill an empty database with the demo data and build the index (DEBUG on, as `make run`)."""
    subprocess.run([sys.executable, "scripts/createdb.py"], env=env, cwd=BASE, check=True)
    setup = {**env, "DJANGO_DEBUG": "1"}
    _manage(setup, "migrate", "--noinput", "-v0")
    # (the server's master builds the index at start when none is saved for this database)
    count = (
        subprocess.run(
            [
                sys.executable,
                "src/manage.py",
                "shell",
                "-c",
                "from kennisbrug.organisations.models import Organisation;"
                "print(Organisation.objects.count())",
            ],
            env=setup,
            cwd=BASE,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(count) == 0:
        print("filling the database with the demo data …", flush=True)
        _manage(setup, "load_reference_data")
        _manage(setup, "demo_data")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("FIRST_REQUEST_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/kb_first_request",
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    # kept between runs: the saved index and the secret key, as on a real machine
    var = BASE / "var" / "bench-first-request" / args.database_url.rsplit("/", 1)[-1]
    var.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "KENNISBRUG_VAR_DIR": str(var),
        "DJANGO_STATIC_ROOT": str(var / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "KENNISBRUG_TASK_QUEUE_NAME": f"kb-first-request-{os.getpid()}",
        "KENNISBRUG_THROTTLE_ANON": "100000/min",
    }
    for loosened in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "KENNISBRUG_TASKS_IMMEDIATE"):
        env.pop(loosened, None)
    _prepare(env)

    base = f"http://127.0.0.1:{port}"
    log = (var / "server.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen(
        ["bash", "scripts/serve"],
        env=env,
        cwd=BASE,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while True:
            if server.poll() is not None:
                print((var / "server.log").read_text()[-3000:])
                return 1
            try:
                if _get(base, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        print(
            f"server answered /healthz after {time.perf_counter() - started:.1f} s "
            f"(migrations, static files, warm-up)\n"
        )
        print(f"{'page':34} {'status':>6} {'first ms':>9} {'later ms (median)':>18} {'× later':>8}")
        for path in PAGES:
            status, first = _get(base, path)
            later = [_get(base, path)[1] for _ in range(args.repeat)]
            median = statistics.median(later)
            print(f"{path:34} {status:>6} {first:>9.0f} {median:>18.0f} {first / median:>8.1f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
