"""uvicorn's httptools protocol, closing connections whose request headers do not arrive in time.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a connection that
sends part of a request's headers and then nothing (slowloris) is kept open for ever, each one
holding a socket and a file descriptor. Here the headers of each request must be complete within
``CMQ_HEADER_TIMEOUT_S`` of its first byte (or of the connection's opening); otherwise the
connection is closed. Incomplete headers are also bounded in size (``MAX_HEADER_BYTES``, h11's
default limit, which httptools does not have): beyond it the answer is a 400 and the connection
is closed.

httptools (llhttp, in C) rather than h11 (pure Python), on uvloop (``LOOP``): together ~0.4–0.8
ms less of the worker's CPU per request, about a fifth of what a cached pathway answer costs over
HTTP (``docs/performance.md``, « HTTP stack: httptools and uvloop »).
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graph.settings import get_settings

# uvloop's event loop (libuv) where it is installed (a dependency except on Windows, which it
# does not support), else asyncio's: with httptools, ~0.4–0.8 ms less of the worker's CPU a
# request.
LOOP = "auto"
MAX_HEADER_BYTES = 16 * 1024  # h11's max_incomplete_event_size, which uvicorn's h11 protocol kept


class HeaderTimeoutProtocol(HttpToolsProtocol):
    _header_timer: asyncio.TimerHandle | None = None
    _reading_headers = True  # no request's headers are complete since the last message ended
    _header_bytes = 0  # bytes received while reading headers

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._reading_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if (
            self._reading_headers
            and self._header_bytes > MAX_HEADER_BYTES
            and not self.transport.is_closing()
        ):
            self._disarm()
            self.send_400_response("Invalid HTTP request received.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_timer is None:
            self._arm()  # the first byte of a next request: its headers not complete yet

    def on_headers_complete(self) -> None:
        self._disarm()  # the keep-alive timer takes over after the response
        self._reading_headers = False
        self._header_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._reading_headers = True  # what comes next is a next request's headers
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(
            get_settings().header_timeout_s, self._headers_too_slow
        )

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._reading_headers and not self.transport.is_closing():
            self.transport.close()
