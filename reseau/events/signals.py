"""What the apps above hear of events as it happens (the communication app writes to people).

Each is sent once the transaction that made the change has committed, so a listener never
acts on a change that was rolled back.
"""

from __future__ import annotations

from django.dispatch import Signal

# sender=Event; event: Event; member_ids: list[int] newly invited; person_ids: list[int] of the
# other contacts the coordinator chose to tell.
members_invited = Signal()

# sender=Event; event: Event; its SEQUENCE rose (a calendar must update it); moved: bool when
# its dates changed; cancelled: bool when it was cancelled.
event_changed = Signal()
