"""The invented sample extract (tests/sample/) and ways to make variants of it."""

import csv
import shutil
import zipfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent / "sample"
GENT = "0503267276"  # office in Gent, establishment in Antwerpen
HASSELT = "0593612482"  # office in Brussels, establishment in Hasselt
BRUGGE = "0390123310"  # non-profit in Brugge
IN_AREA = {GENT, HASSELT, BRUGGE}


def copy_sample(tmp_path: Path, name: str = "extract") -> Path:
    target = tmp_path / name
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def read(folder: Path, name: str) -> list[list[str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write(folder: Path, name: str, rows: list[list[str]]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows)


def set_meta(folder: Path, **values: str) -> None:
    rows = read(folder, "meta")
    rows = [
        [key, values.get(key, value)] if i else [key, value] for i, (key, value) in enumerate(rows)
    ]
    write(folder, "meta", rows)


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
    return target
