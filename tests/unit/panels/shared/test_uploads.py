"""Tests of the launch form's uploads: sizes checked from what each upload
declares before it is read, and while it is read chunk by chunk; the
first step shows the refusal as a form error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.hot import bundle
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import uploads
from tests.unit import base


class Counting(io.BytesIO):
    """A file that counts the bytes read from it."""

    given = 0

    def read(self, size=-1):
        data = super().read(size)
        self.given += len(data)
        return data


def upload_of(content: bytes, declared: int | None = None
              ) -> tuple[UploadedFile, Counting]:
    """An upload read in chunks (as one spooled to disk is), declaring
    ``declared`` bytes (its true size if not given)."""
    file = Counting(content)
    return UploadedFile(file, "f.yaml", size=(
        len(content) if declared is None else declared)), file


REFUSAL = "%(size)d bytes is more than %(limit)d."


def test_an_upload_within_its_limit_is_read_whole():
    upload, _ = upload_of(b"x" * 200_000)
    assert uploads.read(upload, 200_000, REFUSAL) == b"x" * 200_000


def test_a_declared_size_over_the_limit_is_refused_unread():
    upload, file = upload_of(b"x" * 100, declared=10 ** 9)
    with pytest.raises(TemplateError,
                       match="f.yaml: 1000000000 bytes is more than 1000."):
        uploads.read(upload, 1000, REFUSAL)
    assert file.given == 0


def test_bytes_past_the_limit_are_refused_while_reading():
    upload, file = upload_of(b"x" * (10 * uploads.CHUNK_BYTES), declared=10)
    with pytest.raises(TemplateError, match="f.yaml: 131072 bytes is more"):
        uploads.read(upload, uploads.CHUNK_BYTES + 1, REFUSAL)
    assert file.given == 2 * uploads.CHUNK_BYTES


def test_a_folder_is_refused_from_its_declared_sizes_before_any_read(settings):
    settings.MR_DASHBOARD = {"TEMPLATE_MAX_FILES": 2,
                             "TEMPLATE_MAX_TOTAL_BYTES": 100}
    many = [upload_of(b"x") for _ in range(3)]
    large = [upload_of(b"x" * 60) for _ in range(2)]
    for files, message in ((many, "More than 2 files"),
                           (large, "More than 100 bytes in all")):
        with pytest.raises(TemplateError, match=message):
            uploads.read_all([upload for upload, _ in files], "folder")
        assert [file.given for _, file in files] == [0] * len(files)
    assert uploads.read_all([upload_of(b"ab")[0], upload_of(b"c")[0]],
                            "folder") == [b"ab", b"c"]


class LaunchUploadTests(base.TestCase):

    def select(self, **data):
        return self.client.post(reverse(constants.STACK_LAUNCH_URL), {
            "region": "RegionOne", **data}, follow=True)

    def test_an_archive_over_the_limit_is_a_form_error(self):
        archive = SimpleUploadedFile(
            "big.zip", b"PK\x03\x04" + bytes(bundle.max_archive_bytes()))

        page = self.select(template_source="folder", archive=archive)

        self.assertEqual(page.status_code, 200)
        self.assertTemplateNotUsed(page, "project/mr_stacks/launch/stack.html")
        self.assertContains(page, "big.zip: %d bytes is more than the %d "
                            "bytes an archive may hold."
                            % (bundle.max_archive_bytes() + 4,
                               bundle.max_archive_bytes()))

    def test_a_template_file_over_the_limit_is_a_form_error(self):
        template = SimpleUploadedFile("main.yaml", b"#" * 600_000)

        page = self.select(template_source="file", template_upload=template)

        self.assertContains(page, "main.yaml: 600000 bytes is more than the "
                            "524288 bytes Heat accepts.")

    def test_environment_files_over_the_limits_are_a_form_error(self):
        environments = [SimpleUploadedFile(f"e{number}.yaml", b"#" * 400_000)
                        for number in range(3)]

        page = self.select(template_source="raw",
                           template_data="heat_template_version: 2021-04-16",
                           environment_upload=environments)

        self.assertContains(page, "Environment files: More than 1048576 "
                            "bytes in all.")
