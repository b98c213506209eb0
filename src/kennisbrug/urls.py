from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

# The admin has no login form of its own: it sends people to the site login, so the
# one login policy (and the second factor) applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# 400 and 403 are Django's views with our templates; 404 and 500 answer problem+json
# under /api/; 500 renders without the request.
handler404 = "kennisbrug.core.views.page_not_found"
handler500 = "kennisbrug.core.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("kennisbrug.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("kennisbrug.accounts.urls")),
    path("organisations/", include("kennisbrug.organisations.urls")),
    path("matching/", include("kennisbrug.matching.urls")),
    path("questions/", include("kennisbrug.innovation.urls")),
    path("facilities/", include("kennisbrug.facilities.urls")),
    path("vouchers/", include("kennisbrug.vouchers.urls")),
    path("projects/", include("kennisbrug.projects.urls")),
    path("skills/", include("kennisbrug.skills.urls")),
    path("indicators/", include("kennisbrug.indicators.urls")),
    path("jobs/", include("kennisbrug.jobs.urls")),
    path("secretariat/", include("kennisbrug.secretariat.urls")),
    path("api/v1/", include(("kennisbrug.api.urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
