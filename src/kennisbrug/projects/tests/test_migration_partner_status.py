"""Partners listed before invitations were required count as accepted (migration 0005)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kennisbrug.organisations.tests.factories import OrganisationFactory

BEFORE = [("projects", "0004_plausible_dates")]
AFTER = [("projects", "0005_partner_status_invited_or_accepted")]


@pytest.mark.django_db(transaction=True)
def test_existing_partners_count_as_accepted_and_new_rows_default_to_invited(reference_data):
    lead = OrganisationFactory(name="Lead")
    partner = OrganisationFactory(name="Partner", dutch=True)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        idea = old.get_model("projects", "ProjectIdea").objects.create(
            lead_organisation_id=lead.pk, title="Oud idee", summary="Van voor de uitnodigingen."
        )
        old.get_model("projects", "IdeaPartner").objects.create(
            idea=idea,
            organisation_id=partner.pk,
            name=partner.name,
            role="partner",
            org_type=partner.type,
            country_id="NL",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    IdeaPartner = new.get_model("projects", "IdeaPartner")
    assert list(IdeaPartner.objects.values_list("name", "status")) == [("Partner", "accepted")]
    # A row written without a status from now on is only invited.
    fresh = IdeaPartner.objects.create(
        idea_id=idea.pk, name="Nieuw", role="partner", org_type="sme", country_id="BE"
    )
    fresh.refresh_from_db()
    assert fresh.status == "invited"
