"""The bulk import kinds of research groups and experts, registered in core's import
registry from `OrganisationsConfig.ready()`; run by core.imports.owned like the other
records that belong to an organisation (found again by organisation and name).

Import the research groups first: an expert row names its group, which must already be
a group of the same organisation. The index follows every write through receivers.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.imports.columns import Column, ColumnSet, parse_bool
from kennisbrug.core.imports.names import name_key
from kennisbrug.core.imports.owned import OwnedSpec

from ..imports.owners import owned_kind
from ..models import Expert, ResearchGroup

OWNER_COLUMN = Column(
    "owner",
    "organisatie",
    "organisation",
    ("organization", "kennisinstelling", "instelling", "institution", "kbo", "kvk"),
)

GROUP_COLUMNS = ColumnSet(
    [
        OWNER_COLUMN,
        Column(
            "name",
            "naam",
            "name",
            ("onderzoeksgroep", "research group", "groep", "group", "lab"),
            required=True,
        ),
        Column("expertise", "expertise", "expertise", ("trefwoorden", "keywords", "kennis")),
        Column("description", "beschrijving", "description", ("omschrijving",)),
        Column("website", "website", "website", ("url", "site")),
        Column(
            "contact_email",
            "contact_email",
            "contact_email",
            ("e-mail", "email", "contact", "contactadres"),
        ),
    ]
)

EXPERT_COLUMNS = ColumnSet(
    [
        OWNER_COLUMN,
        Column("name", "naam", "name", ("expert", "persoon", "person"), required=True),
        Column("role", "functie", "role", ("titel", "title", "rol")),
        Column(
            "research_group",
            "onderzoeksgroep",
            "research_group",
            ("research group", "groep", "group", "lab"),
        ),
        Column("expertise", "expertise", "expertise", ("trefwoorden", "keywords"), required=True),
        Column("email", "e-mail", "email", ("e-mailadres", "email address", "mail")),
        Column(
            "listed",
            "toestemming",
            "consent",
            ("vermeld", "listed", "akkoord", "toestemming vermelding"),
            required=True,
        ),
    ]
)


def _parse_group(key: str, cell, context) -> dict:
    return {key: cell.text}


def _parse_expert(key: str, cell, context) -> dict:
    if key == "listed":
        return {"listed": parse_bool(cell.text)}
    if key == "research_group":
        # Resolved against the row's organisation in `_locate_group`, once the owner is known.
        return {"group_name": cell.text}
    return {key: cell.text}


def _locate_group(expert: Expert) -> None:
    text = getattr(expert, "group_name", "")
    if not text:
        return
    wanted = name_key(text)
    for group in ResearchGroup.objects.filter(organisation_id=expert.organisation_id):
        if name_key(group.name) == wanted:
            expert.research_group = group
            return
    raise ValidationError(
        {
            "research_group": _(
                "“%(value)s” is not a research group of this organisation; import the "
                "research groups first or correct the name."
            )
            % {"value": text[:80]}
        }
    )


def _expert_export(expert: Expert, key: str):
    if key == "research_group":
        group = expert.research_group
        return group.name if group is not None else ""
    if key == "listed":
        dutch = (translation.get_language() or "nl").startswith("nl")
        if expert.listed:
            return "ja" if dutch else "yes"
        return "nee" if dutch else "no"
    return getattr(expert, key)


RESEARCH_GROUP_SPEC = OwnedSpec(
    model=ResearchGroup,
    event="research_group",
    owner_field="organisation",
    name_field="name",
    columns=GROUP_COLUMNS,
    parse=_parse_group,
    compared=["name", "expertise", "description", "website", "contact_email"],
    file_stem="kennisbrug-research-groups",
    sheet_title=("onderzoeksgroepen", "research groups"),
)

EXPERT_SPEC = OwnedSpec(
    model=Expert,
    event="expert",
    owner_field="organisation",
    name_field="name",
    columns=EXPERT_COLUMNS,
    parse=_parse_expert,
    compared=["name", "role", "research_group_id", "expertise", "email", "listed"],
    prepare=_locate_group,
    export_value=_expert_export,
    file_stem="kennisbrug-experts",
    sheet_title=("experts", "experts"),
)

RESEARCH_GROUP_KIND = owned_kind(
    RESEARCH_GROUP_SPEC,
    key="research_groups",
    label=gettext_lazy("Research groups"),
    help=gettext_lazy(
        "One row per research group of an organisation, with its expertise. A research group "
        "is recognised by its organisation and its name. Import research groups before the "
        "experts who belong to them."
    ),
    order=12,
)

EXPERT_KIND = owned_kind(
    EXPERT_SPEC,
    key="experts",
    label=gettext_lazy("Experts"),
    help=gettext_lazy(
        "One row per expert of an organisation, with their expertise and research group. "
        "The consent column says whether the person agreed to be listed (ja or nee); only "
        "listed experts are shown and searchable. An expert is recognised by their "
        "organisation and their name."
    ),
    order=14,
)
