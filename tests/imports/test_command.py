"""`manage.py import_records KIND PATH [--commit]` for every kind."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .conftest import KINDS, sample
from .test_flow import MODELS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", KINDS)
def test_dry_run_then_commit_then_nothing_changes(kind, roles, tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(sample(kind))
    before = MODELS[kind].objects.count()
    out = StringIO()
    call_command("import_records", kind, str(path), stdout=out)
    assert f"{kind}_import_preview create=2" in out.getvalue()
    assert MODELS[kind].objects.count() == before
    call_command("import_records", kind, str(path), "--commit", stdout=StringIO())
    assert MODELS[kind].objects.count() == before + 2
    out = StringIO()
    call_command("import_records", kind, str(path), "--commit", stdout=out)
    assert "unchanged=2" in out.getvalue() and MODELS[kind].objects.count() == before + 2


def test_a_broken_file_is_a_command_error(tmp_path, roles):
    path = tmp_path / "f.csv"
    path.write_bytes("naam\né\n".encode("latin-1"))
    with pytest.raises(CommandError):
        call_command("import_records", "trainings", str(path), stdout=StringIO())
