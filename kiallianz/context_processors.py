from kiallianz.navigation import navigation_entries


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"main_navigation": navigation_entries(request.path)}
