"""Vietnamese audio generated on approval, on this machine and offline (espeak-ng, ffmpeg);
an uploaded recording replaces it; a file that is not audio is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.broadcasts import services
from giamngheo.broadcasts.enums import AudioSource, BulletinStatus
from giamngheo.broadcasts.models import BulletinVersion
from giamngheo.broadcasts.speech.backends import TARGET_LUFS

pytestmark = pytest.mark.django_db


def test_approval_generates_measured_mp3(
    radio, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    bulletin = radio.bulletin()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_bulletin(actor=radio.users["approver"], bulletin=bulletin)
    version = BulletinVersion.objects.get(bulletin=bulletin)
    assert version.audio_source == AudioSource.GENERATED
    data = version.audio.read()
    # An MPEG audio frame (or an ID3 header) opens the file.
    assert data[:3] == b"ID3" or data[0] == 0xFF
    assert version.audio_bytes == len(data)
    # The normalised text (ngày mười lăm tháng mười một …, một triệu năm trăm nghìn đồng …)
    # takes several seconds to read.
    assert 5 < version.duration_seconds < 30
    # Compressed, then normalised: within 1 LU of the target (loudnorm alone left espeak-ng's
    # speech about 1.7 LU short, held back by its peaks).
    assert abs(version.loudness_lufs - TARGET_LUFS) < 1
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.APPROVED


def test_upload_of_a_file_that_is_not_audio_is_refused(radio):
    bulletin = radio.bulletin()
    fake = SimpleUploadedFile("ban-thu.mp3", b"%PDF-1.4 not audio at all" * 10)
    with pytest.raises(ValidationError) as exc:
        services.upload_recording(actor=radio.users["editor"], bulletin=bulletin, upload=fake)
    assert exc.value.message_dict["audio"] == [
        "Tệp tải lên không phải là tệp âm thanh (MP3, OGG, M4A)."
    ]
    version = BulletinVersion.objects.get(bulletin=bulletin)
    assert not version.audio
    assert version.audio_source == ""


def test_uploaded_recording_replaces_generated_audio(radio, settings, tmp_path):
    from giamngheo.broadcasts.speech.backends import speak

    settings.MEDIA_ROOT = str(tmp_path)
    bulletin = radio.bulletin()
    mp3 = speak("Bản thu của phát thanh viên xã.").mp3
    version = services.upload_recording(
        actor=radio.users["editor"],
        bulletin=bulletin,
        upload=SimpleUploadedFile("ban-thu.mp3", mp3),
    )
    assert version.audio_source == AudioSource.UPLOADED
    assert version.audio_bytes == len(mp3)
    assert version.duration_seconds > 1
    # Generation afterwards leaves the recording alone.
    from giamngheo.broadcasts.audio import generate_audio

    assert generate_audio(version=version).audio_source == AudioSource.UPLOADED
    assert BulletinVersion.objects.get(pk=version.pk).audio_bytes == len(mp3)


def _recording(fmt: str, tmp_path) -> bytes:
    """A two-second recording as the editor's phone makes it (OGG Vorbis or M4A), by ffmpeg."""
    import subprocess

    codec = {"ogg": ["-c:a", "libvorbis", "-f", "ogg"], "m4a": ["-c:a", "aac", "-f", "ipod"]}
    target = tmp_path / f"ban-thu.{fmt}"
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "sine=frequency=440:duration=2", *codec[fmt], str(target)],
        check=True,
    )  # fmt: skip
    return target.read_bytes()


@pytest.mark.parametrize(("fmt", "magic"), [("ogg", b"OggS"), ("m4a", b"ftyp")])
def test_an_ogg_or_m4a_recording_is_kept_as_a_loudness_normalised_mp3(
    radio, settings, tmp_path, fmt, magic
):
    """Stations' players, the podcast's enclosures and the file package declare audio/mpeg:
    what they serve must be MP3 whatever the editor's phone recorded."""
    settings.MEDIA_ROOT = str(tmp_path)
    bulletin = radio.bulletin()
    data = _recording(fmt, tmp_path)
    assert magic in data[:12]
    version = services.upload_recording(
        actor=radio.users["editor"],
        bulletin=bulletin,
        upload=SimpleUploadedFile(f"ban-thu.{fmt}", data),
    )
    stored = version.audio.read()
    assert version.audio.name.endswith(".mp3")
    assert stored[:3] == b"ID3" or stored[0] == 0xFF
    assert version.audio_bytes == len(stored) == version.audio.size
    assert version.audio_source == AudioSource.UPLOADED
    assert 1.9 < version.duration_seconds < 2.3
    assert abs(version.loudness_lufs - TARGET_LUFS) < 2
