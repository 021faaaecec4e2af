"""Is each address still there? Concurrent, polite HTTP checks with httpx and asyncio.

Only the addresses given (and the addresses they redirect to) are ever requested: no robots.txt,
no favicon, nothing else. Per address: HEAD, or GET (the body is never read) where HEAD is refused;
redirects followed by hand, so a permanent one (301, 308) can be reported with the address to use
instead; a few retries with exponential backoff on 429 and 5xx, honouring Retry-After (seconds or
an HTTP date, capped); one total timeout covering all of it. At most `per_host` requests to one host
at a time and `concurrency` addresses in flight overall. A host that has let a request time out
without ever answering, or let `SILENT_HOST_LIMIT` requests time out, gets no more requests in this
run: its other addresses are reported as timed out (and not cached), so one silent host costs one
timeout, not one per address.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpx

Verdict = Literal["ok", "moved", "dead", "timeout", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("ok", "moved", "dead", "timeout", "unsure")

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY = frozenset({429, 500, 502, 503, 504})
HEAD_REFUSED = frozenset({400, 403, 405, 501})  # then GET: some servers refuse HEAD alone
REFUSED_BOTS = frozenset({401, 403, 429})  # not proof the page is gone: a person should look
SILENT_HOST_LIMIT = 3
USER_AGENT = "copycat-valley-links/1 (+https://github.com/copycat-valley/copycat-valley)"


@dataclass(frozen=True)
class Settings:
    timeout: float = 20.0  # seconds per address: every request, redirect, retry and wait included
    per_host: int = 4
    concurrency: int = 16
    retries: int = 2
    backoff: float = 1.0  # first retry after this many seconds, then twice as long each time
    max_retry_after: float = 60.0  # a longer Retry-After is cut to this (and to the time left)
    max_redirects: int = 10
    allow_private: bool = False  # loopback, private and link-local addresses (for tests, local mirrors)


@dataclass(frozen=True)
class Result:
    """What became of one address: a verdict, the HTTP status if there was one, a short reason,
    the address to use instead when it moved, and when it was checked (Unix time)."""

    url: str
    verdict: Verdict
    detail: str
    status: int | None = None
    moved_to: str | None = None
    checked: float = 0.0
    requested: bool = True  # False: given up without a request (a silent host); never cached

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Result | None:
        """A cached result, or None if the data is not one (a damaged or foreign cache file)."""
        if not isinstance(data, dict):
            return None
        try:
            result = cls(**data)
        except TypeError:
            return None
        valid = (
            isinstance(result.url, str) and result.verdict in VERDICTS and isinstance(result.detail, str)
            and (result.status is None or isinstance(result.status, int))
            and (result.moved_to is None or isinstance(result.moved_to, str))
            and isinstance(result.checked, (int, float)) and result.requested is True
        )
        return result if valid else None


class _Answer(Exception):
    """Raised inside a check to end it with a result."""

    def __init__(self, verdict: Verdict, detail: str, status: int | None = None, *, requested: bool = True) -> None:
        super().__init__(detail)
        self.verdict, self.detail, self.status, self.requested = verdict, detail, status, requested


def host_key(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def private_address(url: str) -> bool:
    """True for localhost and for IP literals that are loopback, private, link-local or reserved:
    addresses on the machine or network that runs the check, not on the web."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


class Checker:
    def __init__(self, settings: Settings, client: httpx.AsyncClient) -> None:
        self.settings = settings
        self.client = client
        self._slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(settings.per_host))
        self._silent: dict[str, int] = defaultdict(int)  # requests that timed out, by host
        self._answered: dict[str, int] = defaultdict(int)  # requests that got an answer, by host
        self._overall = asyncio.Semaphore(settings.concurrency)

    async def run(self, urls: Iterable[str]) -> dict[str, Result]:
        """Every address checked once, grouped by host: `per_host` workers per host, each taking
        the host's next address, so a slow host never holds up the others."""
        by_host: dict[str, deque[str]] = defaultdict(deque)
        for url in dict.fromkeys(urls):
            by_host[host_key(url)].append(url)
        results: dict[str, Result] = {}

        async def worker(queue: deque[str]) -> None:
            while queue:
                url = queue.popleft()
                async with self._overall:
                    results[url] = await self.check(url)

        await asyncio.gather(*(
            worker(queue) for queue in by_host.values() for _ in range(min(self.settings.per_host, len(queue)))
        ))
        return results

    async def check(self, url: str) -> Result:
        started = time.time()
        requested = True
        try:
            verdict, detail, status, moved_to = await self._follow(url)
        except _Answer as answer:
            verdict, detail, status, moved_to, requested = (
                answer.verdict, answer.detail, answer.status, None, answer.requested)
        return Result(url, verdict, detail, status, moved_to, started, requested)

    async def _follow(self, url: str) -> tuple[Verdict, str, int | None, str | None]:
        """Request `url` and the redirects it leads to. `moved_to` is where the permanent
        redirects at the start of the chain lead: the address an entry should use instead."""
        loop = asyncio.get_running_loop()
        deadline: list[float] = []  # set when the first request gets its slot
        method = "HEAD"
        seen = {url}
        moved_to: str | None = None
        permanent_so_far = True
        for _ in range(self.settings.max_redirects + 1):
            if not self.settings.allow_private and private_address(url):
                raise _Answer("unsure", "not requested: a local or private network address", requested=False)
            response, method = await self._request(url, method, deadline, loop)
            status = response.status_code
            location = response.headers.get("location")
            if status not in REDIRECTS or not location:
                verdict, detail, status = self._judge(status, response.reason_phrase)
                if verdict == "ok" and moved_to:
                    return "moved", f"HTTP {status} at {moved_to}", status, moved_to
                return verdict, detail, status, None
            target = urljoin(url, location)
            if urlsplit(target).scheme not in ("http", "https"):
                raise _Answer("dead", f"HTTP {status} redirects to an address that is not http(s)", status)
            if target in seen:
                raise _Answer("dead", "redirect loop", status)
            seen.add(target)
            permanent_so_far = permanent_so_far and status in PERMANENT
            if permanent_so_far:
                moved_to = target
            url = target
        raise _Answer("dead", f"more than {self.settings.max_redirects} redirects")

    @staticmethod
    def _judge(status: int, reason: str) -> tuple[Verdict, str, int]:
        label = f"HTTP {status} {reason}".rstrip()
        if 200 <= status < 300:
            return "ok", label, status
        if status in REFUSED_BOTS or status >= 500:
            return "unsure", label, status
        return "dead", label, status

    async def _request(
        self, url: str, method: str, deadline: list[float], loop: asyncio.AbstractEventLoop
    ) -> tuple[httpx.Response, str]:
        """One address's answer (its headers only): HEAD, or GET where HEAD is refused, with
        retries on 429 and 5xx. Returns the response and the method that got it."""
        settings = self.settings
        key = host_key(url)
        attempt = 0
        while True:
            async with self._slots[key]:
                if not deadline:
                    silent = self._silent[key]
                    if silent >= SILENT_HOST_LIMIT or (silent and not self._answered[key]):
                        raise _Answer("timeout", f"not requested: {silent} request{'s' if silent > 1 else ''} to "
                                      f"this host got no answer within {settings.timeout:g} s", requested=False)
                    deadline.append(loop.time() + settings.timeout)
                response = await self._send(method, url, deadline[0], key)
                if method == "HEAD" and response.status_code in HEAD_REFUSED:
                    method = "GET"
                    response = await self._send(method, url, deadline[0], key)
            if response.status_code not in RETRY or attempt >= settings.retries:
                return response, method
            wait = retry_after(response.headers.get("retry-after"), time.time())
            wait = min(settings.backoff * 2**attempt if wait is None else wait, settings.max_retry_after)
            if loop.time() + wait >= deadline[0]:
                return response, method  # no time left to wait: the answer stands
            attempt += 1
            await asyncio.sleep(wait)

    async def _send(self, method: str, url: str, deadline: float, key: str) -> httpx.Response:
        try:
            async with asyncio.timeout_at(deadline):
                request = self.client.build_request(method, url)
                response = await self.client.send(request, stream=True)
                self._answered[key] += 1
                await response.aclose()  # the status and headers are all we need; no body is read
                return response
        except (TimeoutError, httpx.TimeoutException):
            self._silent[key] += 1
            raise _Answer("timeout", f"no answer within {self.settings.timeout:g} s") from None
        except httpx.ConnectError as error:
            raise _Answer("dead", _connect_problem(error)) from None
        except httpx.RemoteProtocolError:
            raise _Answer("dead", "the server did not answer in HTTP") from None
        except httpx.TooManyRedirects:  # not raised with follow_redirects=False; for safety
            raise _Answer("dead", "too many redirects") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as error:
            raise _Answer("dead", f"the request failed ({type(error).__name__})") from None


def _connect_problem(error: Exception) -> str:
    text = str(error).lower()
    if "ssl" in text or "certificate" in text or "tls" in text or "handshake" in text:
        return "TLS (https) failed: the certificate or the handshake was refused"
    if "refused" in text or "all connection attempts failed" in text:
        return "connection refused (or the host is unreachable)"
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text or "resolution" in text:
        return "no such host (DNS)"
    return "could not connect"


def check_urls(urls: Iterable[str], settings: Settings | None = None) -> dict[str, Result]:
    """Check every address (each once) and return a result for each."""
    settings = settings or Settings()
    return asyncio.run(_check_urls(list(urls), settings))


async def _check_urls(urls: list[str], settings: Settings) -> dict[str, Result]:
    timeout = httpx.Timeout(settings.timeout)
    limits = httpx.Limits(max_connections=settings.concurrency * 2, max_keepalive_connections=settings.concurrency)
    async with httpx.AsyncClient(
        follow_redirects=False,
        trust_env=False,  # no proxy variables, no .netrc credentials sent to an entry's host
        timeout=timeout,
        limits=limits,
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
    ) as client:
        return await Checker(settings, client).run(urls)
