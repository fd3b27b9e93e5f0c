from reviews.assignment.urls import urlpatterns as assignment
from reviews.bidding.urls import urlpatterns as bidding
from reviews.decisions.urls import urlpatterns as decisions
from reviews.panels.urls import urlpatterns as panels
from reviews.ranking.urls import urlpatterns as ranking
from reviews.rebuttal.urls import urlpatterns as rebuttal
from reviews.reviewing.urls import urlpatterns as reviewing
from reviews.scoring.urls import urlpatterns as scoring
from reviews.screening.urls import urlpatterns as screening

app_name = "reviews"

# Every page of the review work starts with "reviews/" (see each area's urls.py).
urlpatterns = [
    *screening,
    *assignment,
    *reviewing,
    *scoring,
    *ranking,
    *decisions,
    *panels,
    *bidding,
    *rebuttal,
]
