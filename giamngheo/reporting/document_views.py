"""Admin download views for the reporting documents (unit report, consolidated report, annex)."""

admin_urlpatterns: list = []
