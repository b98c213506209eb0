"""Bulk import through core's one flow (upload → stored preview → confirm → task), per kind:
time of the preview, of the run (check with progress, then write all rows in one
transaction) and of a second preview (all rows unchanged = idempotent); and what a
100,000-row file costs before it is refused by the row limit.

    uv run python bench/imports_flow.py            # 10,000 rows per kind (the row limit)
    uv run python bench/imports_flow.py --quick    # 1,000 rows per kind

Baseline in the same run: the kind's own preview function called directly (no upload
kept, no stored preview), so the flow's overhead is visible. Every input is generated
here; no register data is read. Fresh SQLite database with the reference data; the
task runs in-process (immediate mode). Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OWNER = "Bench Organisatie"
URI = "http://data.europa.eu/esco/occupation/bench-lasser"


def rows_for(kind: str, n: int, postcodes=("9000",)) -> tuple[str, list[str]]:
    if kind == "organisations":
        return "naam;type;land;postcode;beschrijving", [
            f"Bedrijf {i};kmo;BE;{postcodes[i % len(postcodes)]};Bedrijf nummer {i}."
            for i in range(n)
        ]
    if kind == "facilities":
        return "organisatie;naam;categorie;beschrijving;postcode;land;uurtarief_kmo", [
            f"{OWNER};Toestel {i};labo;Toestel {i}.;9000;BE;{100 + i % 50},50" for i in range(n)
        ]
    if kind == "living_labs":
        return "organisatie;naam;thema;beschrijving;testomgeving;deelnemen;postcode;land", [
            f"{OWNER};Proeftuin {i};thema {i};Tuin {i}.;Plek.;Mail.;9000;BE" for i in range(n)
        ]
    if kind == "trainings":
        return "aanbieder;titel;taal;vorm;kosten;duur_uren;regio", [
            f"{OWNER};Opleiding {i};nl;online;{i % 900},00;{1 + i % 80};BE211" for i in range(n)
        ]
    return "werkgever;titel;beroep;regio", [f"{OWNER};Vacature {i};{URI};BE211" for i in range(n)]


def as_file(header: str, rows: list[str]) -> bytes:
    return ("\ufeff" + header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 rows instead of 10,000")
    args = parser.parse_args()
    n = 1_000 if args.quick else 10_000

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "kennisbrug.conf.test"
        os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
        os.environ["KENNISBRUG_VAR_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["KENNISBRUG_TASKS_IMMEDIATE"] = "1"
        import django

        django.setup()
        from django.core.management import call_command

        from kennisbrug.accounts.models import User
        from kennisbrug.core.imports import services
        from kennisbrug.core.imports.kinds import kind_get
        from kennisbrug.core.imports.reading import ImportFileError
        from kennisbrug.organisations.models import Organisation
        from kennisbrug.skills.models import Occupation

        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        user = User.objects.create_user(email="bench@example.org", password="x")
        user.platform_role = "secretariat"
        user.save()
        Organisation.objects.create(
            name=OWNER, slug="bench", type="sme", country_id="BE", postcode="9000"
        )
        Occupation.objects.create(uri=URI, label_nl="lasser", label_en="welder")

        from kennisbrug.core.models import Postcode

        postcodes = sorted(
            set(Postcode.objects.filter(country_id="BE").values_list("code", flat=True))
        )
        print(f"{n:,} generated rows per kind; SQLite; times in seconds")
        print("kind            direct preview  flow preview  run (check+write)  2nd preview")
        for kind in ("organisations", "facilities", "living_labs", "trainings", "vacancies"):
            content = as_file(*rows_for(kind, n, postcodes))
            spec = kind_get(kind)
            t0 = time.perf_counter()
            spec.preview(content=content, filename="b.csv", user=user, organisation_id=None)
            direct = time.perf_counter() - t0
            t0 = time.perf_counter()
            upload = services.import_upload_create(
                kind=kind, content=content, filename="b.csv", user=user
            )
            flow = time.perf_counter() - t0
            t0 = time.perf_counter()
            if not upload.preview["can_commit"]:
                refused = [r for r in upload.preview["rows"] if r["errors"]]
                print(kind, "refused rows, e.g.", refused[:2])
                return 1
            services.import_upload_confirm(
                upload=upload, user=user, fingerprint=upload.preview["fingerprint"]
            )
            upload.refresh_from_db()
            run = time.perf_counter() - t0
            assert upload.status == "done", upload.errors
            t0 = time.perf_counter()
            again = services.import_upload_create(
                kind=kind, content=content, filename="b.csv", user=user
            )
            second = time.perf_counter() - t0
            unchanged = again.preview["counts"]["unchanged"] == n
            print(
                f"{kind:<15} {direct:14.1f}  {flow:12.1f}  {run:17.1f}  {second:11.1f}"
                f"{'' if unchanged else '  (not all unchanged!)'}"
            )
        print(f"peak memory so far: {peak_mb():.0f} MB")

        big = as_file(*rows_for("trainings", 100_000))
        t0 = time.perf_counter()
        try:
            services.import_upload_create(
                kind="trainings", content=big, filename="b.csv", user=user
            )
        except ImportFileError as exc:
            message = exc.messages[0]
        refused = time.perf_counter() - t0
        print(f"100,000-row file ({len(big) / 1e6:.1f} MB): refused in {refused:.2f} s — {message}")
        print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
