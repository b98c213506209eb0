"""The name index that keeps near-duplicate checks from comparing every row with every
record finds the same pairs `near` finds, exactly and nearly."""

from kennisbrug.core.imports.names import NameIndex, name_key, near

NAMES = ["Lasercel", "Lasercel 2", "Cleanroom Noord", "Hal 7", "Hal 8", "Proeftuin Haven"]


def test_index_agrees_with_comparing_everything():
    index = NameIndex()
    for name in NAMES:
        index.add(name_key(name), name)
    for probe in ["lasercell", "Lasercel BV", "Hal 9", "Cleanroom  Noord", "Proeftuin Havens", "x"]:
        key = name_key(probe)
        exact, similar = index.find(key)
        expected_exact = next((n for n in NAMES if name_key(n) == key), None)
        expected_near = [n for n in NAMES if name_key(n) != key and near(name_key(n), key)]
        assert exact == expected_exact
        assert sorted(similar) == sorted(expected_near), probe


def test_numbers_tell_records_apart_in_the_index():
    index = NameIndex()
    index.add(name_key("Hal 7"), "Hal 7")
    assert index.find(name_key("Hal 8")) == (None, [])
    assert index.find(name_key("hal 7")) == ("Hal 7", [])
