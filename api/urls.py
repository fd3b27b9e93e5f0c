"""/api/: the REST API (v1), its OpenAPI schema and docs; /api/tokens/: personal tokens;
/portfolio/<code>/…: the portfolio's open data (project pages, map, downloads); /calendar/:
the calendar feeds."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.calendar.urls import urlpatterns as calendar
from api.portfolio.urls import urlpatterns as portfolio
from api.tokens.urls import urlpatterns as tokens
from api.v1.urls import urlpatterns as v1

app_name = "api"

urlpatterns = [
    path("api/v1/", include((v1, "v1"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *tokens,
    *portfolio,
    *calendar,
]
