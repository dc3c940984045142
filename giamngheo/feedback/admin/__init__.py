"""The handlers' register in the Wagtail admin: the screens (views), one view per action on an
item (actions), the admin forms (forms) and the list filter (filters). Registered in
``feedback/wagtail_hooks.py``."""
