"""The settings with CONN_HEALTH_CHECKS off: the comparison round of fault_database_restart.py."""

from config.settings import *  # noqa: F403
from config.settings import DATABASES

DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
