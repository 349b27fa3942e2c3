"""Public feeds, mounted at /api/public/ (no login)."""

from django.urls import path

from partners import views

urlpatterns = [
    path("partners.json", views.public_partners_json, name="partners_public_json"),
]
