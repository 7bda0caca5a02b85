"""Fuzz test of mr_dashboard.hot.bundle.from_archive: mutated and random
archives, each read in a forked child with an address-space and a
CPU-time limit (archive_cases.run_limited). Whatever the bytes, the reader
returns a bundle within the limits or refuses with a TemplateError: it
never raises anything else, dies, runs past the CPU limit or grows past
the memory limit.

Tar headers are mutated field by field (numbers written in octal, type
flags, names) with their checksums fixed afterwards, so the mutations get
past tarfile's first check and reach long names, PAX records, sizes and
links; then the tar is compressed (or not). Zips are mutated as they are
(their directory records carry no checksum).
"""

import io
import tarfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mr_dashboard import conf
from mr_dashboard.hot import bundle
from tests.unit.hot import archive_cases as cases

TEMPLATE = b"heat_template_version: 2021-04-16\n"


def _gnu_tar() -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w", format=tarfile.GNU_FORMAT) as archive:
        for name, content in (("t/main.yaml", TEMPLATE), ("t/" + "n" * 120, b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        link = tarfile.TarInfo("t/l" + "k" * 110)
        link.type, link.linkname = tarfile.SYMTYPE, "main.yaml" + "/" * 100
        archive.addfile(link)
    return data.getvalue()


SEEDS = {
    "pax": cases.tar_of({"t/main.yaml": TEMPLATE, "t/" + "p" * 150: b"p"},
                        folders=["t"]),
    "gnu": _gnu_tar(),
    "zip": cases.zip_of({"t/main.yaml": TEMPLATE, "t/b.yaml": TEMPLATE * 3},
                        folders=["t"]),
    "stored zip": cases.zip_of({"main.yaml": TEMPLATE}, method=0),
}
#: Where tar's header fields start, and how long they are.
FIELDS = {"name": (0, 100), "mode": (100, 8), "size": (124, 12),
          "type": (156, 1), "linkname": (157, 100), "magic": (257, 8),
          "prefix": (345, 155), "sparse": (386, 96), "extended": (482, 1)}


def _is_header(block: bytes) -> bool:
    try:
        tarfile.TarInfo.frombuf(block, "utf-8", "surrogateescape")
    except tarfile.HeaderError:
        return False
    return True


#: Where the header blocks of each tar seed start.
HEADERS = {name: [start for start in range(0, len(seed), 512)
                  if _is_header(seed[start:start + 512])]
           for name, seed in SEEDS.items() if "zip" not in name}


def _fix_checksums(tar: bytearray, starts: list[int]) -> None:
    for start in starts:
        total = sum(tar[start:start + 148]) + 256 + sum(tar[start + 156:start + 512])
        tar[start + 148:start + 155] = b"%06o\0" % (total % 8 ** 6)


@st.composite
def mutated_tars(draw) -> bytes:
    name = draw(st.sampled_from(sorted(HEADERS)))
    starts, tar = HEADERS[name], bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.sampled_from(starts))
        offset, length = FIELDS[draw(st.sampled_from(sorted(FIELDS)))]
        value = draw(st.one_of(
            st.integers(0, 8 ** (length - 1) - 1).map(
                lambda number, length=length: b"%0*o\0" % (length - 1, number)),
            st.sampled_from([b"L", b"K", b"x", b"g", b"S", b"1", b"2", b"3",
                             b"5", b"7", b"V", b"\xff" * 12]),
            st.binary(min_size=1, max_size=length)))
        tar[start + offset:start + offset + len(value[:length])] = value[:length]
    if draw(st.booleans()):  # change the data blocks too (PAX records...)
        at = draw(st.integers(0, len(tar) - 1))
        value = draw(st.binary(min_size=1, max_size=64))
        tar[at:at + len(value)] = value
    _fix_checksums(tar, starts)
    data = cases.compressed(draw(st.sampled_from(["tar", "gz", "bz2", "xz"])),
                            [bytes(tar)])
    cut = draw(st.integers(0, 4))  # sometimes cut short
    return data[:len(data) - cut * 7] or data


@st.composite
def mutated_zips(draw) -> bytes:
    data = bytearray(SEEDS[draw(st.sampled_from(["zip", "stored zip"]))])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        value = draw(st.binary(min_size=1, max_size=8))
        data[at:at + len(value)] = value
    return bytes(data)


random_archives = st.one_of(
    st.binary(max_size=2048),
    st.tuples(st.sampled_from([b"\x1f\x8b", b"BZh9", b"\xfd7zXZ\x00",
                               b"PK\x03\x04", b"PK\x05\x06"]),
              st.binary(max_size=512)).map(b"".join))


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow,
                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(mutated_tars(), mutated_zips(), random_archives))
def test_any_bytes_give_a_bundle_or_a_refusal(data):
    outcome = cases.run_limited(lambda: bundle.from_archive(data, "f"),
                                memory=256 * cases.MiB, cpu=5)

    assert outcome.kind in ("returned", "refused"), (outcome, data)
    if outcome.kind == "returned":
        assert 0 < len(outcome.value) <= conf.template_max_files()
        assert sum(map(len, outcome.value.values())) <= (
            conf.template_max_total_bytes())
        assert all(isinstance(path, str) and path.encode()
                   and not path.startswith(("/", "../"))
                   for path in outcome.value), outcome.value
