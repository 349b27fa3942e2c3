from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="index"),
    path("new/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/edit/", views.partner_update, name="partner_update"),
    path("<int:pk>/end/", views.partner_end, name="partner_end"),
    path("<int:pk>/reactivate/", views.partner_reactivate, name="partner_reactivate"),
]

# Public JSON, mounted at /api/public/ without a namespace (events share the
# prefix); the project's urls.py includes it.
public_api_urlpatterns = [
    path("partners.json", views.public_partners_json, name="partners_public_json"),
]
