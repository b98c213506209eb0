"""Background tasks of matching: bringing the search index up to date after a write."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task

from . import index


@background_task(label=_("Search index update"))
def index_document_changed(kind: str, doc_id: str, removed: bool = False) -> None:
    index.document_changed(kind, doc_id, removed=removed)
