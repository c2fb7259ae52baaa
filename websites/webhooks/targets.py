"""The SSRF guard: which webhook URLs are accepted, and the checked address each request is pinned to.

The check runs when the API accepts a URL (``check_webhook_url``) and again before every attempt
(``parse_url`` + ``check_target``), so a name that resolves elsewhere by then is caught.
"""

import ipaddress
import socket
from dataclasses import dataclass

import httpx
from django.conf import settings

from websites.errors import InvalidInput
from websites.webhooks.signing import SIGNATURE_HEADER, UNSIGNED_REFUSAL

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2048

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")

type IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Unresolvable(Exception):
    """The host name has no usable address right now (which may change: at delivery it is worth a retry)."""


@dataclass(frozen=True)
class Target:
    """A checked URL and the checked address its request must be sent to.

    The request goes to that IP, with the original ``Host`` header and, for https, the original name as TLS SNI
    (``sni_hostname``), against which the certificate is verified. A DNS answer that changes between check and
    connect (rebinding) therefore cannot move the request.
    """

    url: httpx.URL
    address: IPAddress
    host_is_literal: bool

    @property
    def request_url(self) -> httpx.URL:
        return self.url if self.host_is_literal else self.url.copy_with(host=str(self.address))

    @property
    def host_header(self) -> str:
        return self.url.netloc.decode("ascii")

    @property
    def extensions(self) -> dict:
        if self.url.scheme == "https" and not self.host_is_literal:
            return {"sni_hostname": self.url.raw_host.decode("ascii")}
        return {}


def check_webhook_url(url: str) -> str:
    """The URL, normalised (lower-case scheme and host, IDNA host, no fragment), or InvalidInput saying why not.

    Without a signing secret no URL is accepted (see ``signing.UNSIGNED_REFUSAL``).
    """
    if not settings.WEBHOOK_SIGNING_SECRET:
        raise InvalidInput(UNSIGNED_REFUSAL)
    parsed = parse_url(url)
    try:
        check_target(parsed)
    except Unresolvable as error:
        raise InvalidInput(
            f"webhook_url's host {parsed.host} could not be resolved ({error}); check the host name."
        ) from error
    return str(parsed)


def parse_url(url: str) -> httpx.URL:
    """The URL parsed, if it is http(s) with a host and no user name or password; else InvalidInput."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("webhook_url is empty; give an https:// (or http://) URL.")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f"webhook_url is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted.")
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        raise InvalidInput("webhook_url contains spaces or control characters; percent-encode them.")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise InvalidInput(f"webhook_url is not a valid URL ({error}).") from error
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = f"{parsed.scheme}: URLs are" if parsed.scheme else "a URL without a scheme is"
        raise InvalidInput(f"webhook_url must be an https:// or http:// URL; {scheme} not accepted.")
    if parsed.userinfo:
        raise InvalidInput(
            "webhook_url must not contain a user name or password (user:password@host); webhooks carry an "
            f"{SIGNATURE_HEADER} header for the receiver to check instead."
        )
    if not parsed.host:
        raise InvalidInput("webhook_url has no host name.")
    return parsed.copy_with(fragment=None)


def check_target(url: httpx.URL) -> Target:
    """Resolve the URL's host and refuse it unless every address is one webhooks may reach.

    Only the first address is used for the request (no fallback to the others within one attempt), and name
    resolution has no timeout of its own beyond the system resolver's.
    """
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    literal = _ip_literal(host)
    addresses = [literal] if literal else _resolve(host, port)
    for address in addresses:
        if problem := _address_problem(address):
            where = f"{host} is" if literal else f"{host} resolves to {address}, which is"
            hint = (
                " (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows private targets in development)" if settings.DEBUG else ""
            )
            raise InvalidInput(
                f"webhook_url must point at a public internet address, but {where} {problem}. Give a URL whose "
                f"host is reachable from the internet{hint}."
            )
    return Target(url=url, address=addresses[0], host_is_literal=literal is not None)


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    """The host's distinct IPv4 and IPv6 addresses, in the resolver's order."""
    try:
        # Looked up on the module at call time, so tests can put a fake DNS in socket.getaddrinfo.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise Unresolvable(str(error) or type(error).__name__) from error
    addresses: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            address = ipaddress.ip_address(sockaddr[0])
        except ValueError as error:
            raise InvalidInput(f"webhook_url's host {host} resolves to an unusable address {sockaddr[0]!r}.") from error
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise Unresolvable("no IPv4 or IPv6 address")
    return addresses


def _address_problem(address: IPAddress) -> str | None:
    """Why webhooks may not go to this address (a phrase), or None when they may.

    Only globally routable addresses pass. IPv6 addresses that embed an IPv4 one (``::ffff:127.0.0.1``, NAT64
    ``64:ff9b::/96``, 6to4 ``2002::/16``) are judged by the IPv4 address inside. WEBHOOK_ALLOW_PRIVATE_TARGETS
    (honoured only while DEBUG is on; settings refuse it otherwise) lets the rest through, but multicast and
    unspecified addresses stay refused even then.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            problem = _address_problem(embedded)
            return f"{problem} (it embeds the IPv4 address {embedded})" if problem else None
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if settings.DEBUG and settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address (where cloud metadata services such as 169.254.169.254 live)"
    if address in _SHARED_ADDRESS_SPACE:
        return "in the shared (carrier-grade NAT) space 100.64.0.0/10"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "a site-local address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "not a globally routable address"
    return None
