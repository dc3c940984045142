"""The campaigns' admin screens beyond the generic list: creating and editing a campaign, naming
its moderators, and bulk moderation in the queue (forms in ``forms``, views in ``views``)."""
