"""Signals other apps use to follow introductions without innovation knowing them.

`introduction_transitioned` is sent inside the transaction of every introduction step
(accept, decline, withdraw, expire) with `introduction`, `user` (None for the system),
`from_state` and `to_state`. Receivers may write in the same transaction or raise
PermissionDenied/ValidationError to refuse the step; then nothing is written.
"""

from django.dispatch import Signal

introduction_transitioned = Signal()
