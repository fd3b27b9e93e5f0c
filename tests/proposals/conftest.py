import pytest

from proposals.lifecycle import services as lifecycle


@pytest.fixture(autouse=True)
def _lifecycle_without_reviews(monkeypatch):
    """The proposals tests exercise the lifecycle on its own: the conditions and pages that
    the reviews app registers (enough reviewers, reviews in, the decision page) are tested
    in tests/reviews."""
    monkeypatch.setattr(lifecycle, "_CONDITIONS", {})
    monkeypatch.setattr(lifecycle, "_STEP_PAGES", {})
