"""Shared test configuration."""

from pathlib import Path

import pytest

# Real pages saved from real portals (copied from shared/realpages, with their
# README of what a correct audit finds), so the suite runs on any machine.
REALPAGES = Path(__file__).parent / "fixtures" / "realpages"


@pytest.fixture
def realpages() -> Path:
    return REALPAGES
