"""One wall-clock deadline per outbound call, enforced on its sockets.

A socket timeout bounds each ``recv``, not a call: a server sending one
byte a second (in its headers, its TLS handshake or its body) holds a
call for as long as it likes. :func:`arm` gives a call a
:class:`Deadline`; the sockets it uses are handed to it
(:meth:`Deadline.watch`), and when the deadline passes while the call is
still running, the process's one watchdog thread shuts them down: the
blocked ``recv`` returns at once and the call fails. The watchdog holds a
duplicate of each socket's descriptor (``shutdown`` acts on the
connection, whatever descriptor names it; a TLS socket cannot be
duplicated, its descriptor can), closed when the call ends, so it never
touches a descriptor the call has closed and the system has given to
someone else.
"""

import socket
import threading
import time

_lock = threading.Condition()
_armed: set["Deadline"] = set()
_thread: list[threading.Thread] = []


class Deadline:
    """The end of one call, in ``time.monotonic()`` seconds."""

    def __init__(self, seconds: float, start: float) -> None:
        self.seconds, self.start = seconds, start
        self.at = start + seconds
        #: True once the watchdog cut the call.
        self.expired = False
        self._sockets: list[socket.socket] = []

    def left(self) -> float:
        """Seconds left (0 once passed)."""
        return max(0.0, self.at - time.monotonic())

    def passed(self) -> bool:
        """True once the watchdog cut the call or its time is up."""
        return self.expired or time.monotonic() >= self.at

    def watch(self, sock: socket.socket) -> None:
        """Cut ``sock`` too when the deadline passes (at once if it has)."""
        try:
            copy = socket.fromfd(sock.fileno(), sock.family, sock.type)
        except OSError:
            return  # already closed: nothing left to cut
        with _lock:
            if self in _armed and not self.expired:
                self._sockets.append(copy)
                return
        _cut(copy)
        copy.close()

    def disarm(self) -> None:
        """The call ended: nothing of it is cut any more."""
        with _lock:
            _armed.discard(self)
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            sock.close()

    def _expire(self) -> None:
        """Cut every socket of the call (the watchdog, lock held)."""
        self.expired = True
        _armed.discard(self)
        for sock in self._sockets:
            _cut(sock)


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the peer: the call sees that anyway


def arm(seconds: float, start: float | None = None) -> Deadline:
    """A deadline ``seconds`` after ``start`` (default: now), watched until
    disarmed."""
    deadline = Deadline(seconds,
                        time.monotonic() if start is None else start)
    with _lock:
        _armed.add(deadline)
        if not _thread or not _thread[0].is_alive():  # none yet, or forked
            _thread[:] = [threading.Thread(
                target=_watch, name="mr-outbound-watchdog", daemon=True)]
            _thread[0].start()
        _lock.notify()
    return deadline


def _watch() -> None:
    """The watchdog: sleeps until the earliest deadline, cuts what has
    passed, forever (a daemon thread, one per process)."""
    with _lock:
        while True:
            now = time.monotonic()
            for deadline in [d for d in _armed if d.at <= now]:
                deadline._expire()
            wait = min((d.at for d in _armed), default=None)
            _lock.wait(None if wait is None else wait - now)
