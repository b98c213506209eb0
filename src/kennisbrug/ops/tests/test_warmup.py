import pytest
from django.test import override_settings

from kennisbrug.matching import index
from kennisbrug.ops import warmup


@pytest.fixture
def fresh_index(tmp_path):
    with override_settings(KENNISBRUG_INDEX_DIR=tmp_path, KENNISBRUG_MATCHING_SEMANTIC=False):
        index.reset()
        yield
        index.reset()


@pytest.mark.django_db
def test_warm_up_loads_the_index_and_renders_pages(fresh_index, caplog):
    caplog.set_level("INFO", logger="kennisbrug.ops.warmup")

    warmup.warm_up()

    assert index._engine is not None
    assert "warm_up_done" in caplog.text
    assert "warm_up_page_failed" not in caplog.text


@pytest.mark.django_db
def test_warm_worker_runs_a_search(fresh_index, caplog):
    caplog.set_level("INFO", logger="kennisbrug.ops.warmup")

    warmup.warm_worker()

    assert index._engine is not None
    assert "warm_worker_done" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/facilities/", "/organisations/"])
def test_warm_up_leaves_the_catalogues_rendered_for_the_workers(fresh_index, client, path):
    """What the master renders before it forks, every worker inherits: the catalogue's first
    visitor gets the kept fragment instead of the queries and rendering behind it."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, secure=True).status_code == 200
        return len(captured)

    caches["fragments"].clear()
    cold = queries()
    caches["fragments"].clear()
    warmup.warm_up()
    assert queries() < cold
