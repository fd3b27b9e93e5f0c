from proposals.calls.urls import urlpatterns as calls
from proposals.editing.urls import urlpatterns as editing
from proposals.eligibility.urls import urlpatterns as eligibility
from proposals.lifecycle.urls import urlpatterns as lifecycle
from proposals.mentoring.urls import urlpatterns as mentoring
from proposals.messages.urls import urlpatterns as message_texts
from proposals.team.urls import urlpatterns as team
from proposals.versions.urls import urlpatterns as versions
from proposals.workshops.urls import urlpatterns as workshops
from proposals.writing.urls import urlpatterns as writing

app_name = "proposals"

# Calls live under /calls/, proposals under /proposals/ (see each feature's urls.py).
urlpatterns = [
    *calls,
    *eligibility,
    *writing,
    *team,
    *editing,
    *lifecycle,
    *versions,
    *workshops,
    *mentoring,
    *message_texts,
]
