"""The data-quality page of the registry and the merge of two duplicates (secretariat only)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kennisbrug.core.shortcuts import get_object
from kennisbrug.core.work_queue import Card, Item
from kennisbrug.organisations import selectors as organisation_selectors
from kennisbrug.organisations import services as organisation_services
from kennisbrug.organisations.models import Organisation

SHOWN = 50
MATCHED_BY = {
    "kbo_number": gettext_lazy("same KBO/BCE number"),
    "kvk_number": gettext_lazy("same KvK number"),
    "vat_number": gettext_lazy("same VAT number"),
    "name": gettext_lazy("nearly the same name at the same postcode"),
}


def _secretariat_only(user) -> None:
    if not getattr(user, "is_secretariat", False):
        raise PermissionDenied


def quality_sections() -> list[dict]:
    """Each check with its count, its first organisations and an anchor on the page."""
    sections = []
    for anchor, title, queryset in (
        (
            "without-members",
            _("Organisations without members"),
            organisation_selectors.quality_without_members(),
        ),
        (
            "without-description",
            _("Organisations without a description"),
            organisation_selectors.quality_without_description(),
        ),
        (
            "outside-area",
            _("Organisations outside the programme area"),
            organisation_selectors.quality_outside_programme_area(),
        ),
    ):
        sections.append(
            {
                "anchor": anchor,
                "title": title,
                "count": queryset.count(),
                "items": list(queryset[:SHOWN]),
            }
        )
    return sections


def duplicate_rows() -> list[dict]:
    rows = []
    for group in organisation_selectors.quality_duplicates():
        keep, *others = group.organisations
        rows.append(
            {
                "reason": MATCHED_BY.get(group.matched_by, MATCHED_BY["name"]),
                "keep": keep,
                "others": [
                    {
                        "organisation": other,
                        "merge_url": reverse("secretariat:merge")
                        + f"?keep={keep.slug}&remove={other.slug}",
                    }
                    for other in others
                ],
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "HEAD"])
def data_quality(request):
    """The secretariat only: what to tidy in the registry, with counts and links."""
    _secretariat_only(request.user)
    duplicates = duplicate_rows()
    return render(
        request,
        "secretariat/data_quality.html",
        {
            "sections": quality_sections(),
            "duplicates": duplicates[:SHOWN],
            "duplicate_count": len(duplicates),
        },
    )


class MergeForm(forms.Form):
    keep = forms.SlugField(max_length=220, widget=forms.HiddenInput)
    remove = forms.SlugField(max_length=220, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked that these are the same organisation."), required=True
    )


def _organisation(slug) -> Organisation:
    organisation = get_object(Organisation, slug=slug or "")
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def merge(request):
    """The secretariat only: what merging moves, then the merge after confirmation."""
    _secretariat_only(request.user)
    source = request.POST if request.method == "POST" else request.GET
    keep, remove = _organisation(source.get("keep")), _organisation(source.get("remove"))
    form = MergeForm(request.POST or None, initial={"keep": keep.slug, "remove": remove.slug})
    if request.method == "POST" and form.is_valid():
        try:
            organisation_services.organisation_merge(
                keep=keep, remove=remove, merged_by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(removed)s has been merged into %(kept)s.")
                % {"removed": remove.name, "kept": keep.name},
            )
            return redirect("organisations:detail", slug=keep.slug)
    plan = organisation_services.organisation_merge_plan(keep=keep, remove=remove)
    return render(
        request,
        "secretariat/merge.html",
        {
            "plan": plan,
            "moves": [m for m in plan.moves if m.count],
            "filled": [
                (Organisation._meta.get_field(k).verbose_name, v) for k, v in plan.filled.items()
            ],
            "form": form,
            "swap_url": reverse("secretariat:merge") + f"?keep={remove.slug}&remove={keep.slug}",
        },
        status=400 if request.method == "POST" else 200,
    )


def data_quality_card(*, user) -> Card:
    sections = quality_sections()
    duplicates = len(organisation_selectors.quality_duplicates())
    url = reverse("secretariat:data_quality")
    items = [
        Item(label=_("Possible duplicates: %(n)s") % {"n": duplicates}, url=url + "#duplicates")
    ]
    items += [
        Item(label=f"{section['title']}: {section['count']}", url=f"{url}#{section['anchor']}")
        for section in sections
    ]
    return Card(
        title=_("Data quality of the registry"),
        count=duplicates + sum(s["count"] for s in sections),
        items=items,
        empty=_("Nothing to tidy in the registry."),
        more_url=url,
        more_label=_("The data-quality page"),
    )
