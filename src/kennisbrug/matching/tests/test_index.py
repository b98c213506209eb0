"""The Django side of the index: change log, multi-worker replay, persistence, rebuild."""

import contextlib
import threading

import pytest
from django.db import connection

from kennisbrug.matching import index
from kennisbrug.matching.models import IndexChange, IndexVersion
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.tests.factories import OrganisationFactory


def _titles(engine, kind="organisation"):
    return sorted(d.title for k, i in engine._slot_of for d in [engine.get(k, i)] if k == kind)


@pytest.mark.django_db
def test_saving_an_organisation_updates_the_index_after_commit(django_capture_on_commit_callbacks):
    engine = index.get_engine()
    assert len(engine) == 0
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory(name="Lasercentrum", description="Lasersnijden")
    assert index.current_version() >= 1
    assert index.get_engine().get("organisation", str(org.pk)).title == "Lasercentrum"
    with django_capture_on_commit_callbacks(execute=True):
        org.sectors.set(["fotonica"])
    assert "sector:fotonica" in index.get_engine().get("organisation", str(org.pk)).concepts
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert index.get_engine().get("organisation", str(org.pk)) is None
    ops = list(IndexChange.objects.values_list("op", flat=True))
    assert ops[-1] == "remove"


@pytest.mark.django_db
def test_no_index_change_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        OrganisationFactory()
    assert callbacks  # queued for commit, not run inside the transaction
    assert IndexChange.objects.count() == 0


@pytest.mark.django_db
def test_a_worker_that_is_behind_replays_the_change_log():
    """Worker A changes a document; worker B (its own engine) catches up on its next search."""
    org = OrganisationFactory(name="Oude naam")
    worker_b = index.get_engine()
    assert worker_b.get("organisation", str(org.pk)).title == "Oude naam"
    # worker A, another process: writes the row and logs the change (no local engine here)
    Organisation.objects.filter(pk=org.pk).update(name="Nieuwe naam")
    index.record_changes([("organisation", org.pk, "upsert")])
    assert worker_b.get("organisation", str(org.pk)).title == "Oude naam"
    assert index.get_engine().get("organisation", str(org.pk)).title == "Nieuwe naam"
    Organisation.objects.filter(pk=org.pk).delete()
    index.record_changes([("organisation", org.pk, "remove")])
    assert index.get_engine().get("organisation", str(org.pk)) is None


@pytest.mark.django_db
def test_a_new_worker_loads_the_saved_index_and_replays_later_changes(monkeypatch):
    a = OrganisationFactory(name="Alpha")
    index.rebuild()
    b = OrganisationFactory(name="Beta")
    index.record_changes([("organisation", b.pk, "upsert")])
    index.reset()  # a new process
    monkeypatch.setattr(index, "build_engine", lambda *a, **k: pytest.fail("rebuilt"))
    engine = index.get_engine()
    assert engine.get("organisation", str(a.pk)).title == "Alpha"
    assert engine.get("organisation", str(b.pk)).title == "Beta"


@pytest.mark.django_db
def test_rebuild_prunes_the_log_and_workers_behind_the_gap_reload():
    orgs = [OrganisationFactory(name=f"Org {n}") for n in range(3)]
    stale = index.get_engine()
    stale_version = index._version
    index.record_changes([("organisation", o.pk, "upsert") for o in orgs])
    index.reset()
    count, version = index.rebuild()
    assert count == 3
    assert IndexVersion.objects.get().rebuilt_at_version == version
    assert not IndexChange.objects.filter(version__lte=version - 1).exists()
    # a worker still at the old version sees a gap in the log and reloads from disk
    index._engine, index._version = stale, stale_version
    assert len(index.get_engine()) == 3


@pytest.mark.django_db
def test_a_damaged_saved_index_is_rebuilt_from_the_database(settings):
    OrganisationFactory(name="Alpha")
    index.rebuild()
    (settings.KENNISBRUG_INDEX_DIR / "engine" / "manifest.json").write_text("{broken")
    index.reset()
    assert _titles(index.get_engine()) == ["Alpha"]


@pytest.mark.django_db
def test_a_database_behind_the_worker_wins():
    OrganisationFactory(name="Alpha")
    index.get_engine()
    index._version = 10_000  # e.g. the database was restored from a backup
    assert _titles(index.get_engine()) == ["Alpha"]
    assert index._version == index.current_version()


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_and_searches_keep_the_index_consistent(reference_data):
    from kennisbrug.matching.services import match

    orgs = [OrganisationFactory(name=f"Bedrijf {n}", description="robotica") for n in range(8)]
    index.get_engine()
    errors = []
    # The in-memory SQLite test database (shared cache) fails at once with "table is
    # locked" instead of waiting like a real SQLite file does; serialise there. On
    # PostgreSQL the threads really run concurrently.
    db_lock = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def writer(n):
        try:
            for round_ in range(3):
                with db_lock:
                    Organisation.objects.filter(pk=orgs[n].pk).update(name=f"Bedrijf {n} r{round_}")
                    index.document_changed("organisation", orgs[n].pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    def reader():
        try:
            for _ in range(5):
                with db_lock:
                    assert len(match(text="robotica", limit=20)) == 8
        except Exception as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(len(orgs))]
    threads += [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    versions = list(IndexChange.objects.order_by("version").values_list("version", flat=True))
    # 8 creations + 24 updates, contiguous, none lost
    assert versions == list(range(versions[0], versions[0] + 32))
    engine = index.get_engine()
    assert _titles(engine) == sorted(f"Bedrijf {n} r2" for n in range(8))
    # and a fresh worker agrees
    index.reset()
    assert _titles(index.get_engine()) == sorted(f"Bedrijf {n} r2" for n in range(8))
