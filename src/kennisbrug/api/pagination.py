from functools import cache

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def paginate(request, view, queryset, serializer_class) -> Response:
    """One page of `queryset` in the envelope that `paginated` documents."""
    paginator = Pagination()
    page: list | None = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


@cache  # one component per list: spectacular refuses two classes under one name
def paginated(serializer_class, name: str = ""):
    """The OpenAPI description of a paginated list of `serializer_class`.

    Views that paginate by hand (an APIView with filters) are invisible to
    drf-spectacular's own pagination detection; without this their schema would
    promise a bare array while the response is the count/next/previous/results
    envelope.
    """
    base = serializer_class.__name__.removesuffix("Serializer").removesuffix("Output")
    return inline_serializer(
        name or f"Paginated{base}List",
        fields={
            "count": serializers.IntegerField(min_value=0),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
