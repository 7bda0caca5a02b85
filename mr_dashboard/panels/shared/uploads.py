"""The launch form's uploaded files, read within a size limit.

Django hands an upload over once the request is received (in memory while
the whole request is under ``FILE_UPLOAD_MAX_MEMORY_SIZE``, else in a
temporary file on disk); what bounds the request body itself is the web
server in front of Horizon. Here nothing is read into the worker's memory
past a limit: an upload's size is checked before it is read, and its bytes
while they are read, chunk by chunk. Every upload of the form is read by
:func:`read`: the template file by :func:`read_template` (Heat's limit on
a template), the archive by :func:`read_archive`, the folder's files and
the environment files by :func:`read_all`, which checks their number and
declared sizes against a folder's limits first.
"""

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot import bundle
from mr_dashboard.hot.parse import TemplateError

#: Bytes read at a time.
CHUNK_BYTES = 64 * 1024


def read(upload: UploadedFile, limit: int, refusal: str) -> bytes:
    """The content of ``upload``; TemplateError when its declared size or
    the bytes that come pass ``limit``, saying ``refusal`` (formatted with
    ``size``, the bytes declared or read so far, and ``limit``)."""
    def refuse(size: int) -> TemplateError:
        return TemplateError(refusal % {"size": size, "limit": limit},
                             upload.name)

    if upload.size is not None and upload.size > limit:
        raise refuse(upload.size)
    parts, size = [], 0
    for chunk in upload.chunks(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise refuse(size)
        parts.append(chunk)
    return b"".join(parts)


def read_template(upload: UploadedFile) -> bytes:
    """A template (or environment) file, within Heat's own size limit."""
    return read(upload, conf.template_max_bytes(), _(
        "%(size)d bytes is more than the %(limit)d bytes Heat accepts."))


def read_archive(upload: UploadedFile) -> bytes:
    """An archive of a template folder, within the archive limit."""
    return read(upload, bundle.max_archive_bytes(), _(
        "%(size)d bytes is more than the %(limit)d bytes an archive may "
        "hold."))


def read_all(uploads: Sequence[UploadedFile], name: str) -> list[bytes]:
    """The contents of ``uploads`` (a folder's files, or the environment
    files), refused before any is read when their number or declared sizes
    pass a folder's limits, and each read within the bytes left."""
    bundle.check_declared([upload.size or 0 for upload in uploads], name)
    left, contents = conf.template_max_total_bytes(), []
    for upload in uploads:
        contents.append(read(upload, left, _(
            "%(size)d bytes is more than the %(limit)d bytes left for "
            "these files.")))
        left -= len(contents[-1])
    return contents
