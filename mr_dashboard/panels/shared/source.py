"""The first step of a launch or update: where the template comes from.

A file, text or a URL, or a whole folder (picked in the browser, which
sends each file's relative path, see ``mr_dashboard.launch.js``) or an
archive holding the files the template pulls in; environment files on top.
Every upload is read within its limit (:mod:`.uploads`), then everything is
resolved here (:mod:`mr_dashboard.hot`); the result
is a :class:`~.draft.Draft` for the next step. Any bad input becomes a form
error and nothing is sent to a cloud.
"""

import json

from django import forms as django_forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from horizon import forms

from mr_dashboard.api.transport import fetch
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.hot import bundle, children, params, parse, resolve
from mr_dashboard.hot.parse import TemplateError
from mr_dashboard.panels.shared import uploads
from mr_dashboard.panels.shared.draft import Draft
from mr_dashboard.selection import selected_region

SOURCES = (("file", gettext_lazy("File")), ("raw", gettext_lazy("Text")),
           ("url", gettext_lazy("URL")),
           ("folder", gettext_lazy("Folder or archive")))


class MultipleFileInput(django_forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(django_forms.FileField):
    """Any number of uploaded files (a list, maybe empty)."""

    def __init__(self, *args, attrs=None, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, required=False, **kwargs)

    def clean(self, data, initial=None):
        return [super(MultipleFileField, self).clean(item, initial)
                for item in (data or [])]


def _switched(source: str, label) -> dict:
    return {"class": "switched", "data-switch-on": "templatesource",
            f"data-templatesource-{source}": label}


class SelectTemplateForm(forms.SelfHandlingForm):
    region = forms.ChoiceField(label=gettext_lazy("Region"))
    template_source = forms.ChoiceField(
        label=gettext_lazy("Template source"), choices=SOURCES,
        widget=forms.ThemableSelectWidget(
            attrs={"class": "switchable", "data-slug": "templatesource"}))
    template_upload = forms.FileField(
        label=gettext_lazy("Template file"), required=False,
        widget=forms.FileInput(attrs=_switched("file", _("Template file"))))
    template_data = forms.CharField(
        label=gettext_lazy("Template"), required=False, strip=False,
        widget=forms.Textarea(attrs=_switched("raw", _("Template"))))
    template_url = forms.CharField(
        label=gettext_lazy("Template URL"), required=False,
        widget=forms.TextInput(attrs=_switched("url", _("Template URL"))))
    template_path = forms.CharField(
        label=gettext_lazy("Main template in the folder"), required=False,
        help_text=gettext_lazy("Its path in the folder; not needed when "
                               "the folder holds one top-level template."),
        widget=forms.TextInput(attrs=_switched(
            "folder", _("Main template in the folder"))))
    folder = MultipleFileField(
        label=gettext_lazy("Template folder"),
        help_text=gettext_lazy("The files the template pulls in (get_file, "
                               "provider and child templates)."),
        attrs={"webkitdirectory": True, "data-mr-folder": "folder_paths"})
    folder_paths = forms.CharField(required=False,
                                   widget=forms.HiddenInput)
    archive = forms.FileField(
        label=gettext_lazy("Or an archive of it (zip or tar)"),
        required=False)
    environment_upload = MultipleFileField(
        label=gettext_lazy("Environment files"))

    def __init__(self, request, *args, region=None, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        names = [region] if region else heat_region_names(request)
        self.fields["region"].choices = [(name, name) for name in names]
        self.fields["region"].initial = region or selected_region(request)
        if len(names) < 2:
            self.fields["region"].widget = forms.HiddenInput()
            self.fields["region"].initial = names[0] if names else None
        self.draft: Draft | None = None

    def _folder(self) -> bundle.Bundle:
        files = self.cleaned_data.get("folder") or []
        try:
            paths = json.loads(self.cleaned_data.get("folder_paths") or "[]")
        except ValueError:
            paths = []
        if len(paths) != len(files):
            paths = [upload.name for upload in files]
        found = bundle.from_files(
            zip(paths, uploads.read_all(files, _("Template folder"))),
            _("Template folder"))
        archive = self.cleaned_data.get("archive")
        if archive:
            found.update(bundle.from_archive(uploads.read_archive(archive),
                                             archive.name))
        return found

    def _root(self, source: str, folder: bundle.Bundle) -> tuple[str, bytes]:
        data = self.cleaned_data
        if source == "file" and data.get("template_upload"):
            upload = data["template_upload"]
            return bundle.safe_path(upload.name.rsplit("/", 1)[-1]), (
                uploads.read_template(upload))
        if source == "raw" and data.get("template_data"):
            return "template.yaml", data["template_data"]
        if source == "url" and data.get("template_url"):
            return data["template_url"], fetch.fetch(data["template_url"])
        if source == "folder" and folder:
            return _main_template(folder, data.get("template_path")), None
        raise TemplateError(_("Give the template: %(source)s is empty.")
                            % {"source": dict(SOURCES)[source]})

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        field = {"file": "template_upload", "raw": "template_data",
                 "url": "template_url", "folder": "template_path"}[
            cleaned["template_source"]]
        try:
            folder = self._folder()
            root, data = self._root(cleaned["template_source"], folder)
            files = cleaned["environment_upload"]
            environments = list(zip(
                [upload.name.rsplit("/", 1)[-1] for upload in files],
                uploads.read_all(files, _("Environment files"))))
            launchable = resolve.resolve(
                root, folder[root] if data is None else data, folder,
                environments, fetch.fetch)
            params.groups_of(launchable.template, launchable.environment)
            # Within the bounds of a walk (hot/walks): no cycle, no fan-out.
            children.placements(launchable, cleaned["region"], {})
        except TemplateError as exc:
            self.add_error(field, str(exc))
            return cleaned
        self.draft = Draft.of(self.request, cleaned["region"], launchable)
        return cleaned

    def handle(self, request, data) -> Draft:
        return self.draft


def _main_template(folder: bundle.Bundle, path: str | None) -> str:
    """The main template of a folder: ``path``, or its only top-level
    template."""
    if path:
        key = bundle.safe_path(path)
        if key not in folder:
            raise TemplateError(_("%(path)s is not in the folder.")
                                % {"path": path})
        return key
    templates = {key for key, data in folder.items()
                 if parse.is_template_name(key)
                 and resolve.looks_like_template(data)}
    # A template another file names is pulled in, not launched.
    found = sorted(key for key in templates if "/" not in key and not any(
        key.encode() in data for other, data in folder.items()
        if other != key))
    if len(found) != 1:
        raise TemplateError(_("Name the main template: the folder has "
                              "%(count)d top-level templates nothing else "
                              "refers to (%(names)s).")
                            % {"count": len(found),
                               "names": ", ".join(found) or "-"})
    return found[0]
