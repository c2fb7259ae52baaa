"""What the tests' network guard lets through: loopback and the embedded database's Unix socket."""

import ipaddress


def is_local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path: the embedded database's socket
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
