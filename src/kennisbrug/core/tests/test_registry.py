import pytest

from kennisbrug.core.registry import Registry, RegistryError


def test_register_as_decorator_and_call_keeps_registration_order():
    reg = Registry("things")

    @reg.register("b")
    def b():
        return "b"

    reg.register("a", len)
    assert reg.names() == ["b", "a"]
    assert list(reg) == [b, len]
    assert reg["a"] is len and "b" in reg and "c" not in reg
    assert reg.get("c") is None and len(reg) == 2


def test_dependencies_come_first_and_ties_keep_registration_order():
    reg = Registry("steps")
    reg.register("projects", "p", after=["organisations", "innovation"])
    reg.register("skills", "s", after=["organisations"])
    reg.register("innovation", "i", after=["organisations"])
    reg.register("organisations", "o")
    assert reg.names() == ["organisations", "innovation", "projects", "skills"]
    assert [value for _, value in reg.items()] == ["o", "i", "p", "s"]


def test_a_dependency_that_is_not_registered_is_ignored():
    reg = Registry("steps")
    reg.register("vouchers", "v", after=["facilities"])
    assert reg.names() == ["vouchers"]


def test_a_dependency_cycle_is_an_error():
    reg = Registry("steps")
    reg.register("a", 1, after=["b"])
    reg.register("b", 2, after=["a"])
    with pytest.raises(RegistryError, match="cycle"):
        reg.names()


def test_a_name_is_registered_once_but_the_same_object_again_is_harmless():
    reg = Registry("things")
    reg.register("x", len)
    reg.register("x", len)  # a ready() that runs twice
    with pytest.raises(RegistryError, match="already registered"):
        reg.register("x", str)
    assert reg["x"] is len


def test_unknown_name_and_unregister():
    reg = Registry("things")
    with pytest.raises(RegistryError, match="nothing registered as 'x'"):
        reg["x"]
    reg.register("x", len)
    reg.unregister("x")
    reg.unregister("x")
    assert "x" not in reg and reg.names() == []
