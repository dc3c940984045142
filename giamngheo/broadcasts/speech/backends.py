"""Speech backends: text in, WAV out; then one MP3 for loudspeakers, loudness-normalised.

The default backend runs offline on the server: Debian's espeak-ng with its Vietnamese voice
(``vi``, Northern). A vendor backend is a class with the same ``synthesise`` method named by
``settings.BROADCASTS_SPEECH_BACKEND`` (a dotted path); the server fetches nothing by itself.
MP3 encoding and the measures use ffmpeg: a speech compressor, then ``loudnorm`` (EBU R128)
to -16 LUFS integrated, true peak -1.5 dBTP — louder than the -23 LUFS of television, as
loudspeakers in the open air need — then ``ebur128`` measures what was written, so the stored
figure is the file's own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .normalise import normalise

TARGET_LUFS = -16.0
TRUE_PEAK = -1.5
# Speech for loudspeakers is compressed before it is normalised: espeak-ng's (and a phone
# recording's) peaks stand 15–20 dB above its average, so ``loudnorm`` alone stops at the
# true-peak ceiling about 1.7 LU short of the target (−17.7 LUFS measured on the bench's
# two-minute bulletin). A 4:1 compressor from −20 dBFS with 5 ms attack and 100 ms release
# (the broadcast practice for speech) evens the syllables out first.
COMPRESSOR = "acompressor=threshold=0.1:ratio=4:attack=5:release=100:makeup=2"
SAMPLE_RATE = 44100
TIMEOUT = 120


class SpeechError(RuntimeError):
    """The engine or the encoder failed (missing, or refused the input)."""


@dataclass(frozen=True)
class Audio:
    mp3: bytes
    duration_seconds: float
    loudness_lufs: float


class SpeechBackend:
    """What every backend provides: ``synthesise(text, language=) -> WAV bytes``."""

    name = "base"

    def synthesise(self, text: str, *, language: str = "vi") -> bytes:  # pragma: no cover
        raise NotImplementedError


class EspeakBackend(SpeechBackend):
    name = "espeak-ng"
    voices = {"vi": "vi"}
    # Words per minute: a little slower than espeak's 175, as announcers read for loudspeakers.
    speed = 150

    def synthesise(self, text: str, *, language: str = "vi") -> bytes:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise SpeechError("espeak-ng is not installed (make system-packages)")
        voice = self.voices.get(language)
        if voice is None:
            raise SpeechError(f"no voice for {language}")
        done = subprocess.run(  # noqa: S603
            [binary, "-v", voice, "-s", str(self.speed), "--stdout"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        if done.returncode != 0 or not done.stdout:
            raise SpeechError(done.stderr.decode("utf-8", "replace")[:500])
        return done.stdout


def get_backend() -> SpeechBackend:
    path = getattr(
        settings, "BROADCASTS_SPEECH_BACKEND", "giamngheo.broadcasts.speech.backends.EspeakBackend"
    )
    try:
        return import_string(path)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"BROADCASTS_SPEECH_BACKEND: {path}") from exc


def _ffmpeg() -> str:
    binary = shutil.which("ffmpeg")
    if binary is None:
        raise SpeechError("ffmpeg is not installed (make system-packages)")
    return binary


def _run(args: list[str]) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SpeechError(done.stderr.decode("utf-8", "replace")[-500:])
    return done


def measure(path: Path) -> tuple[float, float]:
    """(duration in seconds, integrated loudness in LUFS) of an audio file, by ffmpeg's
    EBU R128 meter."""
    done = _run(
        [
            _ffmpeg(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128",
            "-f",
            "null",
            "-",
        ]
    )
    log = done.stderr.decode("utf-8", "replace")
    loudness = re.findall(r"I:\s+(-?\d+(?:\.\d+)?) LUFS", log)
    duration = re.findall(r"time=(\d+):(\d+):(\d+(?:\.\d+)?)", log)
    if not loudness:
        raise SpeechError("no loudness measured")
    seconds = 0.0
    if duration:
        h, m, s = duration[-1]
        seconds = int(h) * 3600 + int(m) * 60 + float(s)
    match = re.search(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)", log)
    if match:
        h, m, s = match.groups()
        seconds = int(h) * 3600 + int(m) * 60 + float(s)
    return round(seconds, 2), float(loudness[-1])


def to_mp3(wav: bytes, *, suffix: str = "wav") -> Audio:
    """WAV (or any audio ffmpeg reads, named by ``suffix``) → mono MP3 at 64 kbit/s,
    normalised to ``TARGET_LUFS``; measured after encoding."""
    with tempfile.TemporaryDirectory(prefix="giamngheo-speech-") as tmp:
        source, target = Path(tmp) / f"in.{suffix}", Path(tmp) / "out.mp3"
        source.write_bytes(wav)
        _run(
            [
                _ffmpeg(), "-hide_banner", "-nostats", "-y", "-i", str(source),
                "-af", f"{COMPRESSOR},loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK}:LRA=11",
                "-ar", str(SAMPLE_RATE), "-ac", "1", "-codec:a", "libmp3lame", "-b:a", "64k",
                str(target),
            ]
        )  # fmt: skip
        duration, loudness = measure(target)
        return Audio(mp3=target.read_bytes(), duration_seconds=duration, loudness_lufs=loudness)


def measure_bytes(data: bytes, *, suffix: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="giamngheo-speech-") as tmp:
        path = Path(tmp) / f"in.{suffix}"
        path.write_bytes(data)
        return measure(path)


def speak(text: str, *, language: str = "vi") -> Audio:
    """The normalised text spoken by the configured backend, as a loudspeaker-ready MP3."""
    return to_mp3(get_backend().synthesise(normalise(text), language=language))
