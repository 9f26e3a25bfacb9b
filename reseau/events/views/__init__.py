"""The events pages by area: ``event`` (list, page, changes, hosting, one date, minutes),
``calendar`` (month, week, list), ``feed`` (iCalendar feeds and their addresses),
``participant`` (invitations, registrations, attendance), ``programme`` (agenda and PDF)."""
