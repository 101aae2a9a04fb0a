"""`cmq serve --workers N` listens on a socket of ours: its accepted connections get TCP_NODELAY.

uvicorn's own socket for worker processes has protocol 0, and asyncio sets TCP_NODELAY only on
sockets whose protocol is IPPROTO_TCP; without it, each answer on a keep-alive connection
waited for the client's delayed ACK (bench/load.py: 83 requests/s with 2 workers, 711 after).
"""

from __future__ import annotations

import asyncio
import socket

from api.cli import listening_socket


def _nodelay_of_accepted(sock: socket.socket) -> int:
    async def run() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                s = transport.get_extra_info("socket")
                accepted.set_result(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        port = sock.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(accepted, 5)
        finally:
            writer.close()
            server.close()

    return asyncio.run(run())


def test_connections_accepted_on_our_socket_have_nodelay() -> None:
    sock = listening_socket("127.0.0.1", 0)
    assert sock.proto == socket.IPPROTO_TCP and sock.get_inheritable()
    assert _nodelay_of_accepted(sock) != 0


def test_a_protocol_0_socket_would_not_get_it() -> None:
    """Why listening_socket exists (asyncio's rule); if asyncio changes, this tells us."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # what uvicorn binds
    sock.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted(sock) == 0
