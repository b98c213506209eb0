"""The search filters of the research API, checked by the pages' own form."""

from rest_framework.exceptions import ValidationError

from ..research.forms import ResearchSearchForm


def search_filters(params) -> dict:
    form = ResearchSearchForm(params)
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data
