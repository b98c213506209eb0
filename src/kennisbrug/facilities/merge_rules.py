"""The facilities' tidying-up after two registry entries of one organisation merged."""

from .models import LivingLab


def living_lab_merge_follow_up(*, keep) -> None:
    """A living lab's owner is never listed among its partners (living_lab_create drops
    it): when the lab's owner and one of its partners were the two entries, the merged
    organisation stays the owner and leaves the partner list."""
    Through = LivingLab.partners.through
    Through.objects.filter(livinglab__owner=keep, organisation=keep).delete()
