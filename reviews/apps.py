from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from reviews import extensions
        from reviews.scoring import cache

        extensions.connect()
        cache.connect()
