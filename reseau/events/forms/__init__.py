"""The events forms by area: ``event``, ``calendar``, ``participant``, ``programme``."""
