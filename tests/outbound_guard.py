"""Copied into a temporary folder as `sitecustomize.py` and put on a child process's PYTHONPATH: from then on,
any attempt of that process to look up a name or open a connection beyond this machine is refused and
written to the file named by OUTBOUND_LOG. Loopback stays open, so the chat can still serve its tests."""

import errno
import ipaddress
import os
import socket

_LOG = os.environ.get("OUTBOUND_LOG")


def _is_local(host) -> bool:  # type: ignore[no-untyped-def]
    if host is None:
        return True  # getaddrinfo(None, port): a local address to bind to
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]").split("%")[0]
    if host in ("", "localhost", "localhost.localdomain"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # any other name: looking it up already goes outside
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def _refuse(what: str, target) -> None:  # type: ignore[no-untyped-def]
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{what} {target!r}\n")
    raise OSError(errno.ENETUNREACH, f"outbound {what} blocked by the test: {target!r}")


def _guard_address(what: str, sock, address) -> None:  # type: ignore[no-untyped-def]
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse(what, address)


if _LOG:
    _connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    _getaddrinfo, _gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def connect(self, address):  # type: ignore[no-untyped-def]
        _guard_address("connect", self, address)
        return _connect(self, address)

    def connect_ex(self, address):  # type: ignore[no-untyped-def]
        _guard_address("connect_ex", self, address)
        return _connect_ex(self, address)

    def sendto(self, data, *args):  # type: ignore[no-untyped-def]
        _guard_address("sendto", self, args[-1])
        return _sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not _is_local(host):
            _refuse("getaddrinfo", host)
        return _getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):  # type: ignore[no-untyped-def]
        if not _is_local(host):
            _refuse("gethostbyname", host)
        return _gethostbyname(host)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
    with open(_LOG, "a", encoding="utf-8"):
        pass  # the log exists once the guard is in place: the test checks it was
