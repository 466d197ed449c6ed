"""Fixtures shared by the core tests."""

from tests.core.test_tiers_authority import team  # noqa: F401  (an admin, an agent and two leads in the lead tier)
