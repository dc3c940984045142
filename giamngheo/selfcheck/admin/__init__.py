"""Admin screens of the self-check, registered in ``selfcheck/wagtail_hooks.py``."""
