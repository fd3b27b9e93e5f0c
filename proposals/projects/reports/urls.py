"""The pages of progress reports: writing, submitting, accepting and returning them."""

urlpatterns = []
