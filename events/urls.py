from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="index"),
    path("<int:year>/<int:month>/", views.event_month, name="month"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_update, name="event_update"),
    path("<int:pk>/photos/add/", views.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_pk>/edit/", views.photo_update, name="photo_update"),
    path("<int:pk>/photos/<int:photo_pk>/move/", views.photo_move, name="photo_move"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/first-contacts/", views.first_contacts_link, name="first_contacts_link"),
    path(
        "<int:pk>/first-contacts/<int:first_contact_pk>/unlink/",
        views.first_contact_unlink,
        name="first_contact_unlink",
    ),
    path("ki-challenge/", views.ki_challenge_list, name="ki_challenge_list"),
    path("ki-challenge/new/", views.ki_challenge_create, name="ki_challenge_create"),
    path("ki-challenge/<int:pk>/edit/", views.ki_challenge_update, name="ki_challenge_update"),
    # Public, no login: calendar apps subscribe to these.
    path("feed.ics", feeds.feed_all, name="feed_all"),
    path("feed/<slug:slug>.ics", feeds.feed_region, name="feed_region"),
]

# Public JSON, mounted at /api/public/ without a namespace (partners share
# the prefix); the project's urls.py includes it.
public_api_urlpatterns = [
    path("events.json", feeds.events_json, name="events_json"),
]
