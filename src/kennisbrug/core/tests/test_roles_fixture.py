from kennisbrug.organisations.permissions import can_edit_organisation, is_member


def test_roles_fixture_gives_each_role_its_rights(roles):
    org = roles.organisation
    assert is_member(roles.member, org) and not can_edit_organisation(roles.member, org)
    assert can_edit_organisation(roles.admin, org)
    assert not is_member(roles.other, org) and not can_edit_organisation(roles.other, org)
    assert can_edit_organisation(roles.secretariat, org)
