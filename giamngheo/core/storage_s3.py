"""MEDIA_STORAGE=s3: an S3-compatible bucket with the staged writes of core.storage.

A module of its own so that boto3 is imported only by a site that uses it (settings.base names this
class only then).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .storage import StagedWritesMixin, is_staged, staged_name


class StagedS3Storage(StagedWritesMixin, S3Storage):
    """An S3-compatible bucket (private: every URL is a short-lived signed one, and the
    project's views stream private files instead of handing out URLs), with staged writes."""

    def _resolve(self, name: str) -> str:
        if not is_staged(name) and not S3Storage.exists(self, name):
            staged = staged_name(name)
            if S3Storage.exists(self, staged):
                return staged
        return name

    def _open(self, name, mode="rb"):
        return super()._open(self._resolve(name), mode)

    def exists(self, name):
        return super().exists(name) or (not is_staged(name) and super().exists(staged_name(name)))

    def size(self, name):
        return super().size(self._resolve(name))

    def get_modified_time(self, name):
        return super().get_modified_time(self._resolve(name))

    def delete(self, name):
        super().delete(name)
        if not is_staged(name):
            super().delete(staged_name(name))

    def promote(self, staged: str, name: str) -> None:
        source = self._normalize_name(clean_name(staged))
        target = self._normalize_name(clean_name(name))
        self.bucket.Object(target).copy_from(CopySource={"Bucket": self.bucket_name, "Key": source})
        self.bucket.Object(source).delete()
