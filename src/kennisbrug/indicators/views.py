"""Indicator pages: thin, each parses the filters, calls selectors and renders.

Who may use them is said on each view; the detailed pages and exports are for the
programme secretariat and intermediaries, the region summary and the labour-market
dashboard for everyone.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core import exports as spreadsheet
from kennisbrug.core.models import region_names

from . import exports
from .charts import bar_chart
from .forms import ChartChoiceForm, parse_filters
from .kept import computed, current_context
from .labour import labour_market, province_figures
from .maps import cell_values, province_map
from .permissions import can_view_indicators
from .presentation import indicator_visuals
from .privacy import Cell, min_group_size
from .public import region_summary
from .registry import get_indicator
from .selectors import (
    KIND_LABELS,
    SIZE_LABELS,
    indicator_result,
    indicator_results,
    indicator_units,
)

UNITS_PER_PAGE = 100


def secretariat_or_intermediary(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_indicators(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _indicator_or_404(code: str):
    indicator = get_indicator(code)
    if indicator is None:
        raise Http404
    return indicator


@require_http_methods(["GET", "HEAD"])
@secretariat_or_intermediary
def dashboard(request):
    """Secretariat and intermediaries: every indicator for the chosen filters, charts and map."""
    form, filters = parse_filters(request.GET)
    chart_form = ChartChoiceForm(request.GET if "show" in request.GET else None)
    context = {"form": form, "chart_form": chart_form, "min_group_size": min_group_size()}
    status = 200
    if filters is None:
        status = 400
        context["results"] = []
    else:
        ctx = current_context()
        context.update(computed(ctx))
        context["results"] = indicator_results(ctx=ctx, filters=filters)
        context["query"] = urlencode(filters.as_query())
        shown = get_indicator(chart_form.code())
        context["shown"] = shown
        context["visuals"] = indicator_visuals(ctx=ctx, indicator=shown, filters=filters)
    return render(request, "indicators/dashboard.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@secretariat_or_intermediary
def indicator_detail(request, code: str):
    """Secretariat and intermediaries: one indicator, its counting rule and the list behind it."""
    indicator = _indicator_or_404(code)
    form, filters = parse_filters(request.GET)
    context = {"form": form, "indicator": indicator, "kind_labels": KIND_LABELS}
    if filters is None:
        return render(request, "indicators/detail.html", context, status=400)
    ctx = current_context()
    units = indicator_units(ctx=ctx, indicator=indicator, filters=filters)
    result = indicator_result(ctx=ctx, indicator=indicator, filters=filters)
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    # Where an organisation is, by name in the reader's language: the most precise region
    # known (NUTS3, else province, else country), named for the rows of this page only.
    places = {
        u.org.id: (u.org.nuts3 or u.org.province or u.org.country or "").upper() for u in page
    }
    names = region_names(places.values())
    rows = [
        {
            "unit": u,
            "size": SIZE_LABELS.get(u.org.size) if u.org.is_enterprise else "",
            "kinds": [KIND_LABELS.get(k, k) for k in u.kinds],
            "where": names.get(places[u.org.id], ""),
        }
        for u in page
    ]
    query = urlencode(filters.as_query())
    context.update(
        {
            "result": result,
            "page": page,
            "rows": rows,
            "query": query,
            "visuals": indicator_visuals(ctx=ctx, indicator=indicator, filters=filters),
            "hide_list": indicator.suppressed_below_min,
            **computed(ctx),
        }
    )
    return render(request, "indicators/detail.html", context)


@require_http_methods(["GET", "HEAD"])
@secretariat_or_intermediary
def indicator_export(request, code: str, fmt: str):
    """Secretariat and intermediaries: the records behind an indicator as CSV or XLSX."""
    indicator = _indicator_or_404(code)
    _form, filters = parse_filters(request.GET)
    if filters is None:
        return HttpResponse(
            _("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8"
        )
    rows = (
        []
        if indicator.suppressed_below_min
        else exports.export_rows(ctx=current_context(), indicator=indicator, filters=filters)
    )
    filename = f"kennisbrug-{indicator.code.lower()}"
    if fmt == "csv":
        return spreadsheet.csv_response(exports.header(), rows, filename=filename)
    return spreadsheet.xlsx_response(
        exports.header(), rows, filename=filename, title=indicator.code
    )


@require_http_methods(["GET", "HEAD"])
def region(request):
    """Anyone: the public summary of platform activity per province (no personal data)."""
    rows, totals, columns = region_summary(ctx=current_context())
    values = {row.code: row.cells[0] for row in rows}
    summary_map = province_map(
        uid="region-map",
        title=_("Accepted cross-border introductions per province"),
        desc=_(
            "Map of the provinces of the programme area shaded by the number of accepted "
            "cross-border introductions; the table on this page has every figure."
        ),
        values=cell_values({k: v for k, v in values.items() if k != "outside"}),
        names={row.code: row.name for row in rows},
    )
    return render(
        request,
        "indicators/region.html",
        {
            "rows": rows,
            "totals": totals,
            "columns": columns,
            "map": summary_map,
            "min_group_size": min_group_size(),
        },
    )


@require_http_methods(["GET", "HEAD"])
def labour(request):
    """Anyone: tension per bottleneck occupation and province on both sides of the border."""
    year = _int(request.GET.get("year"))
    occupation = _int(request.GET.get("occupation"))
    market = labour_market(year=year)
    if occupation and occupation not in {o for o, _label in market.occupations}:
        occupation = None
    context = {"market": market, "occupation": occupation}
    if market.available and market.rows:
        figures = province_figures(market, occupation_id=occupation)
        names = {p.code: p.name for p in market.provinces}
        label = next((lab for o, lab in market.occupations if o == occupation), "")
        if occupation:
            title = _("Tension for %(occupation)s per province (vacancies per job seeker)") % {
                "occupation": label
            }
        else:
            title = _("Number of bottleneck occupations per province")
        context["title"] = title
        context["map"] = province_map(
            uid="labour-map",
            title=title,
            desc=_(
                "Map of the provinces of the programme area; the table below lists every value."
            ),
            values=figures,
            names=names,
        )
        context["chart"] = bar_chart(
            uid="labour-chart",
            title=title,
            desc=_("Bar chart per province; the table below lists every value."),
            items=[
                (names[code], Cell(n if occupation else int(n)))
                for code, (n, _t) in figures.items()
            ],
        )
        context["figures"] = [(names[code], text) for code, (_n, text) in figures.items()]
    return render(request, "indicators/labour.html", context)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10**9 else None
