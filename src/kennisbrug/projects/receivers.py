"""Follow innovation introductions that are partner invitations (connected in apps.ready)."""

from kennisbrug.innovation.constants import TargetKind


def on_introduction_transitioned(sender, *, introduction, user, to_state, **kwargs) -> None:
    if introduction.target_kind != TargetKind.PROJECT_IDEA:
        return
    from .services.invitations import invitation_follow_introduction

    invitation_follow_introduction(introduction=introduction, user=user, to_state=to_state)
