def can_manage_failed_tasks(user) -> bool:
    """The dead-letter list is the programme secretariat's (and superusers')."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_secretariat", False))
