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
