"""Issue 22 item 13: MEDIA_STORAGE=s3 against an S3-compatible server started on this machine
(moto's standalone server): staged writes promoted on commit, the sweep, private objects, and
files streamed by the project's views (never a bucket URL)."""

import io
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from wagtail.documents.models import Document

ROOT = Path(__file__).resolve().parent.parent.parent
BUCKET = "giamngheo-media"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).read()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def s3(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "giamngheo.core.storage_s3.StagedS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "location": "media",
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 300,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_settings_choose_s3_from_the_environment(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.local",
        "GIAMNGHEO_VAR_DIR": str(tmp_path),
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": "tinh-media",
        "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_ACCESS_KEY_ID": "khoa",
        "AWS_SECRET_ACCESS_KEY": "bi-mat",
    }
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import default_storage as s\n"
        "print(type(s._wrapped if hasattr(s, '_wrapped') else s).__name__, s.bucket_name, "
        "s.endpoint_url, s.access_key, s.default_acl, s.querystring_auth, s.querystring_expire)"
    )
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == [
        "StagedS3Storage",
        "tinh-media",
        "http://127.0.0.1:9000",
        "khoa",
        "None",
        "True",
        "300",
    ]
    env.pop("MEDIA_STORAGE")
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "-c",
            code.split("print(")[0]
            + "print(type(s._wrapped if hasattr(s, '_wrapped') else s).__name__)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["StagedFileSystemStorage"]


@pytest.mark.django_db
def test_upload_is_staged_then_promoted_on_commit(s3, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            doc = Document.objects.create(
                title="Kế hoạch", file=ContentFile(b"%PDF-1.4 s3", name="ke-hoach.pdf")
            )
            assert _keys(s3) == {f"media/.staging/{doc.file.name}"}
            assert doc.file.storage.open(doc.file.name).read() == b"%PDF-1.4 s3"
    assert _keys(s3) == {f"media/{doc.file.name}"}
    url = doc.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


@pytest.mark.django_db
def test_rolled_back_upload_is_swept_from_the_bucket(s3):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        doc = Document.objects.create(title="Hỏng", file=ContentFile(b"x", name="hong.pdf"))
        1 / 0  # noqa: B018
    assert _keys(s3) == {f"media/.staging/{doc.file.name}"}
    out = io.StringIO()
    call_command("sweep_orphan_files", "--delete", "--min-age-hours", "0", stdout=out)
    assert f"đã xoá: .staging/{doc.file.name}" in out.getvalue()
    assert _keys(s3) == set()


@pytest.mark.django_db
def test_document_is_streamed_by_the_site_not_redirected_to_the_bucket(
    s3, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doc = Document.objects.create(
            title="Văn bản", file=ContentFile(b"%PDF-1.4 van ban", name="van-ban.pdf")
        )
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 van ban"
