"""The events reads by area: ``event`` (the list, an event's page, the programme),
``calendar`` (occurrences in a window, what each feed carries), ``participant``
(invitations, registrations, attendance)."""
