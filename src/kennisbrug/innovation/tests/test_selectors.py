"""Reads the pages use: which matches an organisation already asked an introduction for."""

import pytest

from kennisbrug.innovation import selectors
from kennisbrug.innovation.constants import IntroductionState
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .factories import IntroductionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_requested_match_keys_are_the_organisations_open_requests_only():
    asker = OrganisationFactory()
    first, second = QuestionFactory(organisation=asker), QuestionFactory(organisation=asker)
    open_a = IntroductionFactory(question=first)
    open_b = IntroductionFactory(question=second)  # another question of the same organisation
    IntroductionFactory(question=first, state=IntroductionState.DECLINED)  # answered
    IntroductionFactory()  # someone else's request
    keys = selectors.requested_match_keys(organisation=asker)
    assert keys == {
        f"{open_a.target_kind}:{open_a.target_id}",
        f"{open_b.target_kind}:{open_b.target_id}",
    }
    assert selectors.requested_match_keys(organisation=OrganisationFactory()) == set()
