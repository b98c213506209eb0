"""Helpers every app's pages share."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form.

    Errors about a field the form shows (also when the service names it `<field>_id`)
    go beside that field; everything else goes above the form.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        name = key if key in form.fields else key.removesuffix("_id")
        form.add_error(name if name in form.fields else None, errors)


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read with one ordinary query.

    Django's own iterator reads them through `QuerySet.iterator()`, which on PostgreSQL opens
    a server-side cursor (declare, fetch, close) for every select list rendered: with four
    reference lists that was most of the database time of a catalogue's filter form. For
    the few dozen rows of reference data one query is cheaper.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ReferenceChoiceField(forms.ModelChoiceField):
    """A choice of a short reference list (country, province, sector, technology)."""

    iterator = ListedChoiceIterator
