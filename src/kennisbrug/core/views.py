import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from . import selectors
from .fragments import cached_fragment
from .middleware import API_PREFIX, problem_json

# What the platform offers each target group, per specific objective. The
# target groups, objectives and activities themselves come from the reference data.
OFFERS = {
    "sme": {
        "A1": [
            _("Find knowledge institutions, research equipment and living labs across the border."),
            _("Buy cross-border knowledge with a knowledge voucher."),
            _("Find partners for a cross-border innovation project or feasibility study."),
        ],
        "A2": [
            _("Find people with the technical skills you need on both sides of the border."),
            _("Find programmes for managers on smart specialisation and industrial transition."),
        ],
    },
    "knowledge_institution": {
        "A1": [
            _("Open your research infrastructure and living labs to companies."),
            _("Answer innovation questions from SMEs and join consortia."),
        ],
        "A2": [_("Offer cross-border training that fits the needs of growing sectors.")],
    },
    "government": {
        "A1": [_("See which innovation clusters and knowledge networks form in your region.")],
        "A2": [_("See where labour supply and demand diverge in the border region.")],
    },
    "intermediary": {
        "A1": [
            _("Bring companies and knowledge together and introduce them to each other."),
            _("Set up cross-border innovation clusters around key technologies."),
        ],
        "A2": [],
    },
    "people": {
        "A1": [],
        "A2": [
            _(
                "Find technical bottleneck occupations on both sides of the border that fit your skills."
            ),
            _("See your skill gap and the training that closes it."),
        ],
    },
    "training_provider": {
        "A1": [],
        "A2": [
            _("Show your training to job seekers, workers and entrepreneurs across the border.")
        ],
    },
}


def home(request):
    """Public: what the platform offers each target group, with links to what exists.

    What the programme offers is reference data, the same for every visitor: it is rendered
    once per language and reference-data version (core.fragments); the links around it depend
    on whether the visitor is signed in.
    """

    def offers() -> str:
        summary = selectors.home_summary()
        target_groups = [
            {
                "group": group,
                "offers": [
                    (code, items) for code, items in OFFERS.get(group.code, {}).items() if items
                ],
            }
            for group in summary["target_groups"]
        ]
        return render_to_string(
            "core/_home_offers.html",
            {**summary, "target_groups": target_groups, "LANGUAGE_CODE": get_language()},
        )

    return render(request, "core/home.html", {"offers": cached_fragment("home", request, offers)})


# The last resort when even the styled page fails to render (a broken template, no URL
# conf): plain, bilingual, and needing nothing.
BARE_500 = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Er ging iets mis / Something went wrong – Kennisbrug</title></head><body>"
    "<h1>Er ging iets mis</h1><p>Probeer het zo dadelijk opnieuw.</p>"
    '<h1 lang="en">Something went wrong</h1><p lang="en">Please try again in a moment.</p>'
    '<p><a href="/">Kennisbrug</a></p></body></html>'
)

logger = logging.getLogger(__name__)


@requires_csrf_token
def page_not_found(request, exception, template_name: str = "404.html"):
    """handler404: under /api/ a problem+json answer, as every other API error.

    An address no API route matches (an id that is not a number, a mistyped path)
    never reaches DRF, so without this an API client would get the site's HTML page.
    """
    if request.path.startswith(API_PREFIX):
        return problem_json(
            404,
            gettext("Not found."),
            gettext("There is no API endpoint or object at this address."),
            "not_found",
        )
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name: str = "500.html"):
    """handler500: the site's layout, rendered without the request.

    No context processors run, so the page needs no database, session or user; it only
    reverses URLs and reads the active language.
    """
    if request.path.startswith(API_PREFIX):
        return problem_json(
            500,
            gettext("Server error."),
            gettext("Something went wrong on our side; it has been logged."),
            "server_error",
        )
    try:
        body = loader.get_template(template_name).render()
    except Exception:
        logger.exception("error_page_failed template=%s", template_name)
        body = BARE_500
    return HttpResponseServerError(body)


def privacy(request):
    """Everyone: what the platform keeps about people, why, for how long, and how to get
    or delete it (the full text is docs/privacy.md)."""
    return render(request, "core/privacy.html")
