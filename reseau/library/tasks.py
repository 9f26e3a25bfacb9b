"""The library's background job: reading a new file's text for the search."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from reseau.library import services


# huey ships no type hints: its decorator is untyped, the function below is not.
@db_task(retries=1, retry_delay=60)  # type: ignore[untyped-decorator]
def read_version_text(version_id: int) -> None:
    """Read one file's text in a process of its own and keep it on the version."""
    services.version_read_text(version_id=version_id)
