from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from config.views import healthz
from proposals.calls import views as calls_views

urlpatterns = [
    path("", calls_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("dashboard/", accounts_views.dashboard, name="dashboard"),
    path("dashboard/<str:role>/", accounts_views.dashboard_for_role, name="dashboard_for_role"),
    path("language/", accounts_views.set_language, name="set_language"),
    path("history/<str:model>/<str:pk>/", accounts_views.history, name="history"),
    path("people/", include("accounts.urls")),
    path("notifications/", include("accounts.notifications.urls")),
    path("privacy/", include("accounts.privacy.urls")),
    path("", include("indicators.urls")),
    path("", include("proposals.urls")),
    path("", include("projects.urls")),
    path("", include("reviews.urls")),
    path("", include("reports.urls")),
    path("", include("api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
