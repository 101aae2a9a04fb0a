"""uvicorn's h11 protocol, closing connections whose request headers do not arrive in time.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a connection that
sends part of a request's headers and then nothing (slowloris) is kept open for ever, each one
holding a socket and a file descriptor. Here the headers of each request must be complete within
``CMQ_HEADER_TIMEOUT_S`` of its first byte (or of the connection's opening); otherwise the
connection is closed. h11 already bounds the size of incomplete headers (16 KB).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from graph.settings import get_settings


class HeaderTimeoutProtocol(H11Protocol):
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._header_timer is None:
                self._arm()  # bytes of a next request, its headers not complete yet
        else:
            self._disarm()  # the headers arrived (or the connection is done)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()  # the keep-alive timer takes over until the next request's first byte
        super().on_response_complete()

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
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
