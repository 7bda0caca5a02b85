"""The hostile inputs, built as bytes by the corpus itself (nothing is
downloaded): YAML and JSON bombs, archives of every header kind.

Compressed bombs are made of many copies of one small compressed stream
(gzip, bzip2 and xz readers go on to the next stream by themselves), so a
400 MB bomb takes milliseconds to build and a few KB to send. Builders are
cached: the test run and ``benchmarks/hostile.py`` build each once.
"""

import bz2
import functools
import gzip
import io
import lzma
import struct
import tarfile
import zipfile
import zlib

MB = 2 ** 20
#: The plugin's TEMPLATE_MAX_BYTES (its declared default): the largest
#: template Heat accepts.
TEMPLATE_MAX_BYTES = 524288
HOT = "heat_template_version: 2021-04-16\n"
VALID = HOT + "resources: {}\n"


# --- YAML and JSON documents ---------------------------------------------

def deep_block(levels: int = 40_000) -> str:
    """``- - - … v``: block sequences nested ``levels`` deep on one line
    (libyaml's C parser recursed into a segfault on this; no template,
    but the parser meets the nesting first)."""
    return "- " * levels + "v\n"


def deep_flow(levels: int = 40_000) -> str:
    """``[[[…]]]`` in a template's value."""
    return HOT + "x: " + "[" * levels + "]" * levels + "\n"


def merge_chain(levels: int = 24) -> str:
    """Chained merge keys ``<<: [*a, *a]``: each level doubles the pairs
    PyYAML's constructor copies (~730 bytes for 24 levels)."""
    lines = [HOT.rstrip("\n"), "m0: &m0 {k: v}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """Each level a list of ``width`` aliases of the one before."""
    lines = [HOT.rstrip("\n"), 'l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]"
              for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def many_aliases(count: int = 100_000) -> str:
    """One anchor used ``count`` times (~500 KB, under the size limit)."""
    return HOT + "a: &a x\nl: [" + ", ".join(["*a"] * count) + "]\n"


def deep_json(levels: int = 100_000) -> str:
    """A JSON template whose one value opens ``levels`` brackets."""
    return ('{"heat_template_version": "2021-04-16", "x": '
            + "[" * levels + "]" * levels + "}")


def deep_json_environment(levels: int = 100_000) -> str:
    """A JSON environment whose one default opens ``levels`` brackets."""
    return '{"parameter_defaults": {"x": ' + "[" * levels + "]" * levels + "}}"


def single_scalar(size: int) -> str:
    """A template of exactly ``size`` bytes, most of it one description."""
    head = HOT + "resources: {}\ndescription: "
    return head + "x" * (size - len(head) - 1) + "\n"


def many_keys(size: int = TEMPLATE_MAX_BYTES - 1024) -> str:
    """A resource's metadata holding as many small keys as ``size`` bytes
    allow (~40,000)."""
    head = HOT + "resources:\n  r:\n    type: OS::Heat::None\n    metadata:\n"
    count = (size - len(head)) // len("      k000000: 1\n")
    return head + "".join(f"      k{i:06d}: 1\n" for i in range(count))


def environment_of(bomb: str) -> str:
    """An environment file whose parameter_defaults hold ``bomb``'s body
    (its own ``heat_template_version`` line dropped)."""
    body = bomb.removeprefix(HOT).replace("\n", "\n  ")
    return "parameter_defaults:\n  " + body.rstrip(" ") + "\n"


def many_get_files(files: int, uses: int) -> tuple[str, dict[str, bytes]]:
    """A template naming ``files`` files ``uses`` times each with
    ``get_file``, and those files (10 KB each)."""
    lines = [HOT + "resources:"]
    for use in range(uses):
        lines.append(f"  r{use}:\n    type: OS::Heat::Value\n    properties:\n"
                     "      value:\n        list_join:\n        - ''\n        -")
        lines += [f"          - {{get_file: f{n:03d}.txt}}" for n in range(files)]
    return "\n".join(lines) + "\n", {f"f{n:03d}.txt": b"#" * 10240 for n in range(files)}


def get_file_urls(base: str, count: int) -> str:
    """A template pulling ``count`` distinct URLs under ``base`` in."""
    return HOT + "resources:\n" + "".join(
        f"  r{n}:\n    type: OS::Heat::Value\n    properties:\n"
        f"      value: {{get_file: '{base}?n={n}'}}\n" for n in range(count))


def pattern_template(pattern: str) -> str:
    """A template with one string parameter constrained by ``pattern``."""
    return (HOT + "parameters:\n  word:\n    type: string\n    constraints:\n"
            f"      - allowed_pattern: '{pattern}'\nresources: {{}}\n")


# --- Archives --------------------------------------------------------------

_ZEROS = bytes(MB)


def _repeated(compress, head: bytes, zero_mb: int, tail: bytes = b"") -> bytes:
    """``head``, ``zero_mb`` MiB of zeros and ``tail``, compressed as
    concatenated streams (one stream of 1 MiB of zeros, copied)."""
    return (compress(head) + compress(_ZEROS) * zero_mb
            + (compress(tail) if tail else b""))


_COMPRESS = {
    "gz": lambda data: gzip.compress(data, 9, mtime=0),
    "bz2": lambda data: bz2.compress(data, 9),
    "xz": lambda data: lzma.compress(data, format=lzma.FORMAT_XZ),
}


def _tar_header(name: str, size: int, kind: bytes = tarfile.REGTYPE,
                fmt: int = tarfile.GNU_FORMAT) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.type = size, kind
    return info.tobuf(format=fmt)


@functools.cache
def tar_bomb(compression: str, zero_mb: int = 256) -> bytes:
    """A tar (``gz``, ``bz2`` or ``xz``) of one ``main.yaml`` of
    ``zero_mb`` MiB of zeros, its true size in its header."""
    return _repeated(_COMPRESS[compression], _tar_header("main.yaml", zero_mb * MB),
                     zero_mb, bytes(1024))


@functools.cache
def tar_header_bomb(kind: bytes, zero_mb: int = 400) -> bytes:
    """A tar.bz2 that opens with a GNU long-name (``L``) or PAX (``x``)
    header claiming ``zero_mb`` MiB: tarfile reads a header's data whole
    before the member it describes."""
    name = "././@LongLink" if kind == tarfile.GNUTYPE_LONGNAME else "././@PaxHeader"
    return _repeated(_COMPRESS["bz2"], _tar_header(name, zero_mb * MB, kind), zero_mb)


@functools.cache
def zip_bomb(zero_mb: int = 256) -> bytes:
    """A zip of one ``main.yaml`` of ``zero_mb`` MiB of zeros (deflated)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("main.yaml", "w", force_zip64=True) as member:
            for _ in range(zero_mb):
                member.write(_ZEROS)
    return data.getvalue()


def _zip_entry(name: bytes, offset: int, crc: int, packed: int, size: int,
               method: int = 8) -> tuple[bytes, bytes]:
    """The local header and the central directory entry of one member."""
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, packed,
                        size, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0,
                          crc, packed, size, len(name), 0, 0, 0, 0, 0, offset) + name
    return local, central


def _zip_of(locals_: bytes, centrals: list[bytes]) -> bytes:
    directory = b"".join(centrals)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(len(centrals), 0xFFFF),
                      min(len(centrals), 0xFFFF), len(directory), len(locals_), 0)
    if len(centrals) > 0xFFFF:  # zip64 end records for the entry count
        end64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(centrals),
                            len(centrals), len(directory), len(locals_))
        locator = struct.pack("<IIQI", 0x07064B50, 0, len(locals_) + len(directory), 1)
        end = end64 + locator + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF,
                                            0xFFFF, len(directory), len(locals_), 0)
    return locals_ + directory + end


@functools.cache
def overlapping_zip(entries: int = 1000, member_kb: int = 900) -> bytes:
    """``entries`` central-directory entries that all point at the same
    deflated member of ``member_kb`` KiB (each under the per-file limit,
    together ~900 MB)."""
    content = bytes(member_kb * 1024)
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packed.compress(content) + packed.flush()
    local, central = _zip_entry(b"main.yaml", 0, zlib.crc32(content), len(data), len(content))
    return _zip_of(local + data, [central] * entries)


@functools.cache
def many_members_zip(count: int = 100_000) -> bytes:
    """A zip of ``count`` empty files (~9 MB: the central directory)."""
    locals_, centrals, offset = [], [], 0
    for n in range(count):
        local, central = _zip_entry(f"f{n:06d}.txt".encode(), offset, 0, 0, 0, method=0)
        locals_.append(local)
        centrals.append(central)
        offset += len(local)
    return _zip_of(b"".join(locals_), centrals)


@functools.cache
def many_members_tar(count: int = 100_000) -> bytes:
    """A tar.gz of ``count`` empty files (one header copied, its name and
    checksum changed: tarfile takes seconds to write 100,000)."""
    blank = bytearray(_tar_header("f000000.txt", 0))
    blank[148:156] = b" " * 8
    headers = bytearray()
    for n in range(count):
        blank[0:11] = f"f{n:06d}.txt".encode()
        blank[148:156] = b"%06o\0 " % sum(blank[:148] + b" " * 8 + blank[156:])
        headers += blank
        blank[148:156] = b" " * 8
    return gzip.compress(bytes(headers) + bytes(1024), 6, mtime=0)


@functools.cache
def deep_directories(depth: int = 5000, directories: int = 50_000) -> bytes:
    """A zip of one template ``depth`` folders deep (a 10 KB path) after
    ``directories`` directory entries."""
    locals_, centrals, offset = [], [], 0
    names = [f"d{n:05d}/".encode() for n in range(directories)]
    names.append(b"d/" * depth + b"main.yaml")
    for name in names:
        content = VALID.encode() if name.endswith(b".yaml") else b""
        local, central = _zip_entry(name, offset, zlib.crc32(content), len(content),
                                    len(content), method=0)
        locals_.append(local + content)
        centrals.append(central)
        offset += len(local) + len(content)
    return _zip_of(b"".join(locals_), centrals)


def oversized_template(size: int = 120 * MB) -> bytes:
    """One template file of ``size`` bytes (mostly a comment)."""
    return VALID.encode() + b"#" * (size - len(VALID))


def fan_out(width: int = 20, depth: int = 6) -> dict[str, bytes]:
    """``depth`` provider templates (``l1.yaml``...), each holding
    ``width`` resources of the next: ``width ** depth`` resources as
    written, from files of ~600 bytes."""
    return {f"l{level}.yaml": (HOT + "resources:\n" + "".join(
        f"  r{index}:\n    type: "
        f"{f'l{level + 1}.yaml' if level + 1 < depth else 'OS::Heat::None'}\n"
        for index in range(width))).encode() for level in range(1, depth)}


def fan_out_root(width: int = 20) -> str:
    """The root of :func:`fan_out`."""
    return HOT + "resources:\n" + "".join(
        f"  r{index}:\n    type: l1.yaml\n" for index in range(width))


#: A provider template of the registry's type ``My::A`` that holds one.
REGISTRY_CYCLE = {"a.yaml": (HOT + "resources:\n  x: {type: My::A}\n").encode()}
REGISTRY_CYCLE_ROOT = HOT + "resources:\n  r: {type: My::A}\n"
REGISTRY_CYCLE_ENVIRONMENT = "resource_registry:\n  My::A: a.yaml\n"


def str_replace_fan_out(uses: int = 650) -> str:
    """One anchored str_replace building 512 KiB, used ``uses`` times
    (12.5 KB for 650: 340 million characters if each were built)."""
    node = ('&s {str_replace: {template: "%s", params: {"$": "%s"}}}'
            % ("$" * 724, "a" * 724))
    return (HOT + "resources:\n  r:\n    type: OS::Heat::Value\n"
            "    properties:\n      value:\n        v0: " + node + "\n"
            + "".join(f"        v{index}: *s\n" for index in range(1, uses)))
