class IgnoreBrowserLanguageMiddleware:
    """German is the UI language unless the user picks English in the footer.

    Django's LocaleMiddleware would otherwise follow the browser's
    Accept-Language header, and an English browser at a German organisation
    would get a half-expected English UI. The language switch sets a cookie,
    which LocaleMiddleware still honours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
