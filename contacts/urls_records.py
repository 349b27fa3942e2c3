from django.urls import path

from contacts import views

# Included by contacts/urls.py (app_name "contacts").
urlpatterns = [
    path("", views.first_contact_list, name="index"),
    path("new/", views.first_contact_create, name="first_contact_create"),
    path("<int:pk>/", views.first_contact_detail, name="first_contact_detail"),
    path("<int:pk>/edit/", views.first_contact_edit, name="first_contact_edit"),
    path("<int:pk>/review/", views.first_contact_review, name="first_contact_review"),
    path("<int:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("quality/", views.quality_queue, name="quality_queue"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path(
        "organisations/autocomplete/",
        views.organisation_autocomplete,
        name="organisation_autocomplete",
    ),
    path("organisations/persons/", views.organisation_persons, name="organisation_persons"),
    path(
        "organisations/duplicates/",
        views.organisation_duplicates,
        name="organisation_duplicates",
    ),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("persons/", views.person_list, name="person_list"),
    path("persons/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
