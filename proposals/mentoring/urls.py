from django.urls import path

from proposals.mentoring import views

# The managers' and mentors' pages under /mentors/ and /mentoring/; a draft's under it.
urlpatterns = [
    path("mentors/", views.assignments, name="mentor_assignments"),
    path("mentors/<int:pk>/end/", views.end_assignment, name="mentor_assignment_end"),
    path("mentoring/", views.drafts, name="mentor_drafts"),
    path("proposals/<int:pk>/mentoring/", views.mentoring, name="mentoring"),
    path("proposals/<int:pk>/mentoring/share/", views.share, name="mentoring_share"),
    path("proposals/<int:pk>/mentoring/stop/", views.stop, name="mentoring_stop"),
    path("proposals/<int:pk>/mentoring/comment/", views.comment, name="mentoring_comment"),
    path(
        "proposals/<int:pk>/mentoring/threads/<int:thread_pk>/answer/",
        views.answer,
        name="mentoring_answer",
    ),
    path(
        "proposals/<int:pk>/mentoring/threads/<int:thread_pk>/resolve/",
        views.resolve,
        name="mentoring_resolve",
    ),
    path("proposals/<int:pk>/fit/", views.fit, name="framework_fit"),
]
