"""The generated audio of a bulletin version (the task's one write; services queue it)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from .enums import AudioSource
from .models import BulletinVersion
from .speech.backends import speak


def generate_audio(*, version: BulletinVersion) -> BulletinVersion:
    """Speak the version's text with the configured backend and store the MP3 with its measured
    duration and loudness. An uploaded recording is never overwritten."""
    if version.audio_source == AudioSource.UPLOADED:
        return version
    audio = speak(version.text or version.bulletin.text, language=version.language)
    with transaction.atomic():
        locked = BulletinVersion.objects.select_for_update().get(pk=version.pk)
        if locked.audio_source == AudioSource.UPLOADED:
            return locked
        if locked.audio:
            locked.audio.delete(save=False)
        locked.audio.save(f"{locked.language}-tts.mp3", ContentFile(audio.mp3), save=False)
        locked.audio_source = AudioSource.GENERATED
        locked.audio_bytes = len(audio.mp3)
        locked.duration_seconds = audio.duration_seconds
        locked.loudness_lufs = audio.loudness_lufs
        locked.save()
    return locked
