"""The upload and confirmation forms of the import pages: input shape only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import MAX_BYTES, MAX_ROWS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(mb)d MB and %(rows)s rows. Nothing is written before you confirm."
        ) % {"mb": MAX_BYTES // (1024 * 1024), "rows": f"{MAX_ROWS:,}".replace(",", ".")}
        if organisations and len(organisations) > 1:
            self.fields["organisation"].choices = list(organisations)
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(max_length=64, min_length=64, widget=forms.HiddenInput)
