"""Hostile and legitimate archives for the tests of mr_dashboard.hot.bundle,
built here with tarfile, zipfile and the compressors, and a runner that
reads one in a forked child under resource limits.

The child has an address-space limit (``RLIMIT_AS``, its size at the fork
plus ``memory``) and a CPU-time limit, so a reader that regresses fails
its test (MemoryError, SIGXCPU) instead of eating the machine. It reports
the peak of Python's allocations during the call (tracemalloc) and its RSS
growth: the peak resident size during the call (``VmHWM``, its mark reset
just before through ``/proc/self/clear_refs``) minus the resident size
before. A forked child reuses memory its parent had freed, so its growth
understates; ``python -m tests.unit.hot.archive_cases FILE`` reads one
archive in a fresh interpreter instead (the measurements of the report).
"""

import bz2
import dataclasses
import functools
import io
import lzma
import os
import pickle
import resource
import struct
import tarfile
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MiB = 1 << 20
#: Decompressed size of the bombs: 16 times the default content limit.
BOMB_BYTES = 16 * MiB
#: What a header bomb claims (the 516-byte .tar.bz2 of issue 19).
CLAIMED = 400_000_000


def compressed(kind: str, chunks: Iterable[bytes]) -> bytes:
    """``chunks`` compressed as ``kind`` (``tar``: as they are), streamed
    so a bomb is never whole in memory."""
    if kind == "tar":
        return b"".join(chunks)
    compressor = {"gz": lambda: zlib.compressobj(9, zlib.DEFLATED, 31),
                  "bz2": bz2.BZ2Compressor, "xz": lzma.LZMACompressor}[kind]()
    return b"".join(compressor.compress(chunk) for chunk in chunks
                    ) + compressor.flush()


def zeros(size: int) -> Iterable[bytes]:
    for start in range(0, size, MiB):
        yield bytes(min(MiB, size - start))


def header(name: str, kind: bytes = tarfile.REGTYPE, size: int = 0,
           form: int = tarfile.GNU_FORMAT, **fields) -> bytes:
    """One tar header block (or a few, for a long name), sizes as given."""
    info = tarfile.TarInfo(name)
    info.type, info.size = kind, size
    for key, value in fields.items():
        setattr(info, key, value)
    return info.tobuf(form)


def padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % tarfile.BLOCKSIZE)


END = bytes(2 * tarfile.BLOCKSIZE)


def tar_of(files: dict[str, bytes], kind: str = "tar",
           form: int = tarfile.PAX_FORMAT, folders: Iterable[str] = ()
           ) -> bytes:
    """A legitimate archive made by tarfile."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w", format=form) as archive:
        for name in folders:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            archive.addfile(info)
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return compressed(kind, [data.getvalue()])


def zip_of(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED,
           folders: Iterable[str] = ()) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", method) as archive:
        for name in folders:
            archive.writestr(zipfile.ZipInfo(name.rstrip("/") + "/"), b"")
        for name, content in files.items():
            archive.writestr(name, content)
    return data.getvalue()


# Tar bombs -----------------------------------------------------------------

@functools.cache
def tar_bomb(kind: str) -> bytes:
    """One member that is all zeros, its true size declared."""
    return compressed(kind, [header("bomb.yaml", size=BOMB_BYTES),
                             *zeros(BOMB_BYTES), END])


@functools.cache
def long_name_bomb() -> bytes:
    """A GNU long-name header that claims 400 MB, then zeros."""
    return compressed("bz2", [header("././@LongLink", tarfile.GNUTYPE_LONGNAME,
                                     CLAIMED), *zeros(BOMB_BYTES)])


@functools.cache
def pax_bomb() -> bytes:
    """A PAX header that claims 400 MB, then zeros."""
    return compressed("gz", [header("PaxHeaders/x", tarfile.XHDTYPE, CLAIMED),
                             *zeros(BOMB_BYTES)])


def _pax_record(key: str, value: str) -> bytes:
    body = f" {key}={value}\n"
    length = len(body) + 1
    while len(str(length)) + len(body) != length:
        length += 1
    return f"{length}{body}".encode()


@functools.cache
def sparse_map_bomb() -> bytes:
    """A PAX sparse member (GNU format 1.0) whose map never ends: tarfile
    reads the map in its header processing, past any header count."""
    records = (_pax_record("GNU.sparse.major", "1")
               + _pax_record("GNU.sparse.minor", "0"))
    return compressed("gz", [
        header("PaxHeaders/s", tarfile.XHDTYPE, len(records)),
        padded(records), header("s.yaml", size=BOMB_BYTES),
        b"1000000000\n", *(b"1\n" * (MiB // 2) for _ in range(16))])


@functools.cache
def many_members() -> bytes:
    return tar_of({f"f{number}.yaml": b"x" for number in range(10_000)},
                  "gz")


@functools.cache
def many_folders() -> bytes:
    return tar_of({}, "gz", folders=[f"d{number}" for number in
                                     range(10_000)])


def headers_in_a_row() -> bytes:
    """Long-name headers one after another, each a level deeper in
    tarfile."""
    name = padded(b"n" * 200)
    return compressed("gz", [*(header("././@LongLink",
                                      tarfile.GNUTYPE_LONGNAME, 200) + name
                               for _ in range(5000)), header("a.yaml"), END])


def many_pax_headers() -> bytes:
    """Members each with a PAX header just under the per-header limit."""
    chunks = []
    for number in range(40):
        records = _pax_record("comment", "c" * 3800)
        chunks += [header("PaxHeaders/p", tarfile.XHDTYPE, len(records)),
                   padded(records), header(f"p{number}.yaml")]
    return compressed("gz", [*chunks, END])


def special_tar(kind: bytes) -> bytes:
    return compressed("tar", [header("odd.yaml", kind, linkname="/etc/passwd"),
                              END])


# Zip bombs -----------------------------------------------------------------

@functools.cache
def zip_bomb() -> bytes:
    """One deflated member of zeros, its true size declared."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.yaml", "w", force_zip64=True) as member:
            for chunk in zeros(BOMB_BYTES):
                member.write(chunk)
    return data.getvalue()


def _lying_sizes(data: bytes, size: int) -> bytes:
    """``data`` (a zip of one member) with both headers declaring ``size``
    as the member's uncompressed size."""
    patched = bytearray(data)
    struct.pack_into("<L", patched, 22, size)
    directory = patched.rfind(b"PK\x01\x02")
    struct.pack_into("<L", patched, directory + 24, size)
    return bytes(patched)


def zip_lying_bomb() -> bytes:
    """A member of 16 MiB of zeros that declares 10 bytes."""
    return _lying_sizes(zip_of({"bomb.yaml": bytes(BOMB_BYTES)}), 10)


def _central_record(name: bytes, offset: int, size: int = 1,
                    crc: int = 0) -> bytes:
    """A directory record of a stored member."""
    return struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0,
                       crc, size, size, len(name), 0, 0, 0, 0, 0,
                       offset) + name


def zip_with_entries(count: int) -> bytes:
    """``count`` directory records, all naming one stored member."""
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 1, 1,
                        1, 0) + b"a" + b"x"
    directory = b"".join(_central_record(b"%x" % number, 0)
                         for number in range(count))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, min(count, 0xFFFF),
                      min(count, 0xFFFF), len(directory), len(local), 0)
    return local + directory + end


def nameless_zip() -> bytes:
    """One stored member whose name is empty."""
    content = b"nameless"
    crc = zlib.crc32(content)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc,
                        len(content), len(content), 0, 0) + content
    record = _central_record(b"", 0, len(content), crc)
    return local + record + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1,
                                        1, len(record), len(local), 0)


def overlapping_zip() -> bytes:
    """Two entries whose data is the same bytes (the kernel of Fifield's
    overlapped zip bombs)."""
    single = zip_of({"a.yaml": b"a: 1\n" * 100})
    directory = single.rfind(b"PK\x01\x02")
    end = single.rfind(b"PK\x05\x06")
    record = single[directory:end]
    second = record[:46] + b"b.yaml" + record[46 + 6:]
    both = record + second
    tail = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(both),
                       directory, 0)
    return single[:directory] + both + tail


def nested_archive() -> bytes:
    """A zip holding a tar.gz bomb and a zip: kept as files, not opened."""
    return zip_of({"main.yaml": b"heat_template_version: 2021-04-16\n",
                   "inner.tar.gz": tar_bomb("gz"),
                   "inner.zip": zip_of({"a.yaml": b"a"})})


def zip_flagged(flag_bits: int = 0, method: int | None = None,
                mode: int | None = None) -> bytes:
    """A one-member zip with its directory record changed."""
    data = bytearray(zip_of({"m.yaml": b"m: 1\n"}))
    directory = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, directory + 8, flag_bits)
    if method is not None:
        struct.pack_into("<H", data, directory + 10, method)
    if mode is not None:
        struct.pack_into("<BB", data, directory + 4, 20, 3)  # made on Unix
        struct.pack_into("<L", data, directory + 38, mode << 16)
    return bytes(data)


# The runner ----------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What a call did in its child: ``kind`` is ``returned``, ``refused``
    (a TemplateError, ``value`` its text), ``raised`` (anything else,
    ``value`` its repr) or ``died`` (``value`` the wait status)."""

    kind: str
    value: object
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0
    peak: int = 0  # bytes allocated by Python at most during the call
    rss_growth: int = 0  # bytes: peak resident size minus the size before


def _status(field: str) -> int:
    """A size of /proc/self/status, in bytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field}")


def _resident_now() -> int:
    """The resident size, with the peak mark reset to it."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _status("VmRSS")


def _child(call: Callable[[], object], memory: int, cpu: int,
           trace: bool = True) -> Outcome:
    from mr_dashboard.hot.parse import TemplateError
    limit = _status("VmSize") + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    before = _resident_now()
    if trace:
        tracemalloc.start()
    start, cpu_start = time.monotonic(), time.process_time()
    try:
        kind, value = "returned", call()
    except TemplateError as exc:
        kind, value = "refused", str(exc)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        kind, value = "raised", repr(exc)
    seconds = time.monotonic() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Outcome(kind, value, seconds, cpu_seconds, peak,
                   _status("VmHWM") - before)


def run_limited(call: Callable[[], object], memory: int = 256 * MiB,
                cpu: int = 20) -> Outcome:
    """``call()`` in a forked child limited to ``memory`` more bytes of
    address space and ``cpu`` seconds."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(_child(call, memory, cpu), pipe)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return Outcome("died", status)
    return pickle.loads(data)


def _measure_file(path: str) -> None:
    """Reads the archive at ``path`` in this (fresh) process, untraced, and
    writes its Outcome (as a dict) pickled on stdout."""
    import django
    django.setup()
    from mr_dashboard.hot import bundle
    with open(path, "rb") as archive:
        data = archive.read()
    outcome = _child(lambda: bundle.from_archive(data, "a"), 1 << 40, 60,
                     trace=False)
    sys.stdout.buffer.write(pickle.dumps(dataclasses.asdict(outcome)))


if __name__ == "__main__":
    _measure_file(sys.argv[1])
