"""What a test needs from outside the repository: missing, it skips with a reason, or fails under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def missing(reason: str) -> None:
    """Skip for a developer; fail under CI, where everything the tests need must be there."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def shared_data(name: str) -> Path:
    """A file of ../shared/data (read in place, never copied into the repository)."""
    path = SHARED_DATA / name
    if not path.exists():
        missing(f"{path} is missing: this test reads the shared data beside the repository (../shared/data)")
    return path
