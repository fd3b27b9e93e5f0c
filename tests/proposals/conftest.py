import pytest
from django.utils import translation

from proposals.lifecycle import services as lifecycle


@pytest.fixture(autouse=True)
def _lifecycle_without_reviews():
    """The proposals tests exercise the lifecycle on its own: the conditions and pages that
    the reviews app registers (enough reviewers, reviews in, the decision page) are tested
    in tests/reviews."""
    with lifecycle.CONDITIONS.cleared(), lifecycle.STEP_PAGES.cleared():
        yield


@pytest.fixture
def english():
    """The pages and messages in English, to compare their text."""
    with translation.override("en"):
        yield


@pytest.fixture
def lead(proposal):
    """The lead of the directory's own `proposal`."""
    return proposal.lead
