from django.urls import path

from projects.payments import views

urlpatterns = [
    path("projects/instalments/<int:pk>/request/", views.payment_new, name="payment_new"),
    path("projects/payments/<int:pk>/", views.payment_detail, name="payment_detail"),
    path("projects/payments/<int:pk>/pay/", views.payment_pay, name="payment_pay"),
    path("projects/payments/<int:pk>/documents/", views.payment_attach, name="payment_attach"),
    path(
        "projects/payments/<int:pk>/documents/<int:document_pk>/",
        views.payment_document,
        name="payment_document",
    ),
    path("projects/payments/<int:pk>/<slug:step>/", views.payment_step, name="payment_step"),
    path("projects/payments/queue/<slug:queue>/", views.payment_queue, name="payment_queue"),
    path(
        "projects/calls/<slug:code>/payment-documents/",
        views.payment_documents_asked,
        name="payment_documents_asked",
    ),
]
