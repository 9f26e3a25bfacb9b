"""A project's follow-up: partners, funding lines, milestones, progress notes; and the exchange rates."""
