"""The launch form's uploaded files, read within a size limit.

Django hands an upload over once the request is received (in memory while
the whole request is under ``FILE_UPLOAD_MAX_MEMORY_SIZE``, else in a
temporary file on disk); what bounds the request body itself is the web
server in front of Horizon. Here nothing is read into the worker's memory
past a limit: an upload's size is checked before it is read, and its bytes
while they are read, chunk by chunk. Every upload of the form (the
template file, the folder's files, the archive, the environment files)
is read by :func:`read`; a list of them by :func:`read_all`, which checks
their number and declared sizes against a folder's limits first.
"""

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot import bundle
from mr_dashboard.hot.parse import TemplateError

#: Bytes read at a time.
CHUNK_BYTES = 64 * 1024


def read(upload: UploadedFile, limit: int) -> bytes:
    """The content of ``upload``; TemplateError when its declared size or
    the bytes that come pass ``limit``."""
    refusal = TemplateError(_("The file is larger than %(limit)d bytes.")
                            % {"limit": limit}, upload.name)
    if upload.size is not None and upload.size > limit:
        raise refusal
    parts, size = [], 0
    for chunk in upload.chunks(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise refusal
        parts.append(chunk)
    return b"".join(parts)


def read_all(uploads: Sequence[UploadedFile], name: str) -> list[bytes]:
    """The contents of ``uploads`` (a folder's files, or the environment
    files), refused before any is read when their number or declared sizes
    pass a folder's limits, and each read within the bytes left."""
    bundle.check_declared([upload.size or 0 for upload in uploads], name)
    left, contents = conf.template_max_total_bytes(), []
    for upload in uploads:
        contents.append(read(upload, left))
        left -= len(contents[-1])
    return contents
