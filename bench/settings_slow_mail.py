"""The settings with a mail server that takes BENCH_SEND_SECONDS to accept each message and
writes it to a folder: fault_job_queue.py kills the worker while it waits."""

import os

from config.settings import *  # noqa: F403
from config.settings import VAR_DIR

EMAIL_BACKEND = "bench.slow_mail.SlowFileEmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
BENCH_SEND_SECONDS = float(os.environ.get("BENCH_SEND_SECONDS", "3"))
