"""The indicators API: figures, the records behind them, the region summary, the labour market."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..constants import Objective
from ..forms import parse_filters
from ..kept import current_context
from ..labour import labour_market
from ..permissions import IsSecretariatOrIntermediary
from ..privacy import min_group_size
from ..public import COLUMNS, region_summary
from ..registry import get_indicator
from ..selectors import (
    KIND_LABELS,
    indicator_breakdown,
    indicator_result,
    indicator_results,
    indicator_units,
    sector_labels,
)
from .serializers import (
    IndicatorDetailSerializer,
    IndicatorListSerializer,
    LabourMarketSerializer,
    RegionSummarySerializer,
)

FILTER_PARAMETERS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="First day of the period."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Last day of the period."),
    OpenApiParameter("country", OpenApiTypes.STR, enum=["BE", "NL"]),
    OpenApiParameter("province", OpenApiTypes.STR, description="NUTS2 code, e.g. BE23."),
    OpenApiParameter("nuts3", OpenApiTypes.STR, description="NUTS3 code, e.g. BE234."),
    OpenApiParameter("sector", OpenApiTypes.STR, description="Priority sector code."),
    OpenApiParameter("objective", OpenApiTypes.STR, enum=Objective.values),
]


def _filters(request):
    form, filters = parse_filters(request.query_params)
    if filters is None:
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return filters


def _figure(cell):
    return None if cell.suppressed else int(cell.value or 0)


def _summary(result) -> dict:
    indicator = result.indicator
    d = indicator.definition
    return {
        "code": indicator.code,
        "name_en": d.name_en,
        "name_nl": d.name_nl,
        "type": d.type,
        "unit": d.unit_en,
        "objectives": list(d.objectives),
        "value": _figure(result.value),
        "outside_programme_area": _figure(result.outside),
        "suppressed": result.value.suppressed or result.outside.suppressed,
        "records": 0 if indicator.suppressed_below_min else result.records,
        "computed": not result.missing or indicator.wired,
        "missing_sources": result.missing,
        "counting_rule": str(indicator.rule),
        "url": reverse("api:indicators-detail", args=[indicator.code]),
    }


class IndicatorListApi(APIView):
    """GET: secretariat and intermediaries; every indicator's figure for the filters."""

    permission_classes = [IsSecretariatOrIntermediary]

    @extend_schema(
        operation_id="indicators_list",
        parameters=FILTER_PARAMETERS,
        responses={200: IndicatorListSerializer},
    )
    def get(self, request):
        filters = _filters(request)
        ctx = current_context()
        results = indicator_results(ctx=ctx, filters=filters)
        return Response(
            {
                "filters": filters.as_query(),
                "computed_at": ctx.computed_at,
                "results": [_summary(r) for r in results],
            }
        )


class IndicatorDetailApi(APIView):
    """GET: secretariat and intermediaries; one indicator with its breakdown and records."""

    permission_classes = [IsSecretariatOrIntermediary]

    @extend_schema(
        operation_id="indicators_retrieve",
        parameters=FILTER_PARAMETERS,
        responses={200: IndicatorDetailSerializer},
    )
    def get(self, request, code: str):
        indicator = get_indicator(code)
        if indicator is None:
            raise Http404
        filters = _filters(request)
        ctx = current_context()
        data = _summary(indicator_result(ctx=ctx, indicator=indicator, filters=filters))
        data["computed_at"] = ctx.computed_at
        if indicator.suppressed_below_min:
            data.update({"breakdown": None, "units": []})
            return Response(data)
        b = indicator_breakdown(ctx=ctx, indicator=indicator, filters=filters)
        labels = sector_labels(ctx)
        data["breakdown"] = {
            "by_quarter": b.by_quarter_country,
            "by_country": b.by_country,
            "by_size_class": b.by_size,
            "by_province": b.by_province,
            "by_nuts3": b.by_nuts3,
            "by_sector": None
            if b.by_sector is None
            else [
                {"code": code, "label": labels[code], "count": count}
                for code, count in b.by_sector.items()
            ],
        }
        orgs = ctx.orgs
        data["units"] = [
            {
                "key": u.key,
                "label": u.label,
                "organisation": u.org.name,
                "organisation_slug": u.org.slug,
                "country": u.org.country,
                "province": u.org.province,
                "nuts3": u.org.nuts3,
                "size_class": u.org.size if u.org.is_enterprise else "",
                "in_programme_area": u.in_area,
                "first_date": u.first_date,
                "evidence": [
                    {
                        "date": ev.date,
                        "activity": str(KIND_LABELS.get(ev.kind, ev.kind)),
                        "record_id": ev.record_id,
                        "title": ev.title,
                        "other_party": orgs[ev.partner_id].name if ev.partner_id in orgs else None,
                    }
                    for ev in u.evidence
                ],
            }
            for u in indicator_units(ctx=ctx, indicator=indicator, filters=filters)
        ]
        return Response(data)


class RegionSummaryApi(APIView):
    """GET: anyone; activity per province of the programme area, small groups hidden."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="indicators_region_summary", responses={200: RegionSummarySerializer}
    )
    def get(self, request):
        ctx = current_context()
        rows, totals, _labels = region_summary(ctx=ctx)
        names = [name for name, _label in COLUMNS]
        return Response(
            {
                "min_group_size": min_group_size(),
                "computed_at": ctx.computed_at,
                "rows": [
                    {
                        "province": row.code,
                        "name": row.name,
                        "figures": {n: _figure(c) for n, c in zip(names, row.cells, strict=True)},
                    }
                    for row in rows
                ],
                "totals": {n: _figure(c) for n, c in zip(names, totals, strict=True)},
            }
        )


class LabourMarketApi(APIView):
    """GET: anyone; tension per bottleneck occupation and province (published statistics)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="indicators_labour_market",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT)],
        responses={200: LabourMarketSerializer},
    )
    def get(self, request):
        raw = request.query_params.get("year")
        year = None
        if raw not in (None, ""):
            if not raw.isdigit() or not (2000 <= int(raw) <= 2100):
                raise ValidationError({"year": ["Give a year between 2000 and 2100."]})
            year = int(raw)
        market = labour_market(year=year)
        codes = [p.code for p in market.provinces]
        return Response(
            {
                "available": market.available,
                "year": market.year,
                "years": market.years,
                "rows": [
                    {
                        "occupation_id": row.id,
                        "occupation": row.label,
                        "provinces": {
                            code: {
                                "tension": str(c.tension) if c.tension is not None else None,
                                "bottleneck": c.bottleneck,
                                "country_wide": c.country_wide,
                            }
                            for code, c in zip(codes, row.cells, strict=True)
                        },
                    }
                    for row in market.rows
                ],
            }
        )
