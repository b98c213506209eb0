"""The site's URLs plus one view that fails, to see the 500 page as a visitor does."""

from django.urls import path

from kennisbrug.urls import handler500
from kennisbrug.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", failing_view), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
