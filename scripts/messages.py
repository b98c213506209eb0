"""Keep the Dutch catalogues complete and in step with the code.

Every app has its own catalogue (src/kennisbrug/<app>/locale/nl) so that apps can
change independently; project-wide templates and settings use src/kennisbrug/locale.

    python scripts/messages.py update   # extract msgids, merge into the .po files, compile .mo
    python scripts/messages.py check    # fail if a catalogue is stale, incomplete or not compiled
"""

import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "kennisbrug"
LANGUAGES = ["nl"]


def apps() -> list[Path]:
    return sorted(p.parent for p in PKG.glob("*/apps.py"))


def extract(where: Path, ignore: list[str]) -> None:
    (where / "locale").mkdir(exist_ok=True)
    cmd = [sys.executable, "-P", "-m", "django", "makemessages", "--no-obsolete", "--no-location"]
    cmd += [f"--locale={lang}" for lang in LANGUAGES]
    for pattern in ignore:
        cmd += ["--ignore", pattern]
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="kennisbrug.conf.test")
    env["PYTHONPATH"] = str(ROOT / "src")
    subprocess.run(cmd, cwd=where, check=True, env=env, stdout=subprocess.DEVNULL)


def update(base: Path) -> None:
    """Run extraction over a tree rooted at `base` (the repo or a temporary copy).

    `-P` keeps an app folder off sys.path: core/selectors.py would shadow the stdlib.
    """
    pkg = base / "src" / "kennisbrug"
    app_dirs = sorted(p.parent for p in pkg.glob("*/apps.py"))
    for app in app_dirs:
        extract(app, ["tests/*", "migrations/*"])
    extract(pkg, [f"{app.name}/*" for app in app_dirs] + ["conf/test.py"])
    for po in pkg.rglob("locale/*/LC_MESSAGES/django.po"):
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )


ENTRY = re.compile(r'^msgid "(.*)"', re.M)


def body(po: Path) -> str:
    """The catalogue without its header dates, for comparison."""
    text = po.read_text(encoding="utf-8")
    return re.sub(r'"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', "", text)


def untranslated(po: Path) -> list[str]:
    out = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids = [m for m in ENTRY.findall(out) if m] + [m for m in ENTRY.findall(fuzzy) if m]
    return ids


PO_ENTRY = re.compile(
    r'^(?:msgctxt "(?P<ctx>(?:[^"\\]|\\.)*)"\n)?msgid "(?P<id>(?:[^"\\]|\\.)+)"\n'
    r'(?:msgid_plural .*\n)?msgstr(?:\[0\])? "(?P<str>(?:[^"\\]|\\.)*)"',
    re.M,
)


def conflicts() -> list[str]:
    """Msgids translated differently in two catalogues.

    Django merges the catalogues and the first app in INSTALLED_APPS wins, so a
    second translation of the same msgid silently never shows.
    """
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po in sorted(PKG.rglob("locale/*/LC_MESSAGES/django.po")):
        for m in PO_ENTRY.finditer(po.read_text(encoding="utf-8")):
            seen.setdefault((m["ctx"], m["id"]), {})[str(po.relative_to(PKG))] = m["str"]
    return [
        f"{msgid!r} is translated differently: "
        + "; ".join(f"{where}: {text!r}" for where, text in per.items())
        for (_ctx, msgid), per in sorted(seen.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))
        if len(set(per.values())) > 1
    ]


def check() -> int:
    problems: list[str] = conflicts()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
        update(copy)
        for po in sorted(PKG.rglob("locale/*/LC_MESSAGES/django.po")):
            rel = po.relative_to(ROOT)
            fresh = copy / rel
            if body(po) != body(fresh):
                problems.append(f"{rel}: out of date with the code (run `make messages`)")
            mo = po.with_suffix(".mo")
            if not mo.exists() or not filecmp.cmp(mo, fresh.with_suffix(".mo"), shallow=False):
                problems.append(f"{rel.with_suffix('.mo')}: not compiled (run `make messages`)")
            for msgid in untranslated(po):
                problems.append(f"{rel}: no Dutch translation for {msgid!r}")
        for fresh in sorted((copy / "src").rglob("locale/*/LC_MESSAGES/django.po")):
            if not (ROOT / fresh.relative_to(copy)).exists():
                problems.append(f"{fresh.relative_to(copy)}: missing (run `make messages`)")
    for problem in problems:
        print(problem)
    print("messages: ok" if not problems else f"messages: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "check"
    if action == "update":
        update(ROOT)
    else:
        sys.exit(check())
