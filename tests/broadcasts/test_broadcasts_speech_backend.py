"""A vendor speech backend is chosen by settings (``BROADCASTS_SPEECH_BACKEND``): it receives
the normalised Vietnamese text, and its WAV goes through the same MP3 encoding and loudness
normalisation as espeak-ng's. The vendor is outside the project: a stand-in that answers with a
tone plays its part here, no network."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
from django.core.exceptions import ImproperlyConfigured

from giamngheo.broadcasts.speech.backends import TARGET_LUFS, SpeechBackend, get_backend, speak

RECEIVED: list[tuple[str, str]] = []


class VendorStandIn(SpeechBackend):
    name = "vendor"

    def synthesise(self, text: str, *, language: str = "vi") -> bytes:
        RECEIVED.append((text, language))
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            frames = (
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 22050)))
                for i in range(22050 * 2)
            )
            out.writeframes(b"".join(frames))
        return buffer.getvalue()


def test_vendor_backend_from_settings_gets_the_normalised_text(settings):
    settings.BROADCASTS_SPEECH_BACKEND = f"{__name__}.VendorStandIn"
    RECEIVED.clear()
    assert get_backend().name == "vendor"
    audio = speak("UBND xã hỗ trợ 1.500.000 đồng ngày 15/11/2023.")
    assert RECEIVED == [
        (
            "Ủy ban nhân dân xã hỗ trợ một triệu năm trăm nghìn đồng ngày mười lăm tháng mười "
            "một năm hai nghìn không trăm hai mươi ba.",
            "vi",
        )
    ]
    assert audio.mp3[:3] == b"ID3" or audio.mp3[0] == 0xFF
    assert 1.9 < audio.duration_seconds < 2.2
    assert abs(audio.loudness_lufs - TARGET_LUFS) < 2


def test_unknown_backend_is_refused_loudly(settings):
    settings.BROADCASTS_SPEECH_BACKEND = "giamngheo.broadcasts.speech.khong_co.Backend"
    with pytest.raises(ImproperlyConfigured) as caught:
        get_backend()
    assert str(caught.value) == (
        "BROADCASTS_SPEECH_BACKEND: giamngheo.broadcasts.speech.khong_co.Backend"
    )
