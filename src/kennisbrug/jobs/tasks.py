"""Tasks of the jobs app itself."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task


@background_task(label=_("Worker check"), retries=0)
def ping(token: str) -> str:
    """Echo `token`: proves that a worker takes tasks off the queue (smoke tests, /readyz)."""
    return token
