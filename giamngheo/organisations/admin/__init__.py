"""Admin screens of units, organisations and memberships, registered in
``organisations/wagtail_hooks.py``."""
