"""Keep the groups a role brings in step with memberships that start or end on a date."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import sync_role_groups


@receiver(user_logged_in, dispatch_uid="organisations_sync_role_groups")
def _sync_groups_on_login(sender, user, request, **kwargs):
    sync_role_groups(user=user)
