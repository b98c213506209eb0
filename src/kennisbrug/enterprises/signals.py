"""What the register mirror tells the apps above it.

`sectors_changed` is sent after a `kbo import` commits, with the enterprise numbers whose
priority sectors (derived from their NACE-BEL activities) are new or different, so the
apps that show or search organisations by sector can refresh those organisations.
"""

from django.dispatch import Signal

sectors_changed = Signal()  # kwargs: numbers (list[str], compact 10-digit numbers)
