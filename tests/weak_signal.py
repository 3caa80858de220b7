"""A TCP proxy in front of a local server that can behave like a weak signal:
it accepts connections and reads requests, but sends nothing either way until
it is told to answer again.

    with WeakSignal(port) as proxy:
        page.goto(proxy.base + "/")
        proxy.hang()    # connections open, nothing answers
        proxy.answer()  # what was held back goes through

Standard library only (asyncio in a thread of its own).
"""

from __future__ import annotations

import asyncio
import threading

from build_tools.tooling.nginx import free_port


class WeakSignal:
    def __init__(self, upstream_port: int, host: str = "127.0.0.1"):
        self.host = host
        self.upstream_port = upstream_port
        self.port = free_port()
        self.base = f"http://{host}:{self.port}"
        self._loop = asyncio.new_event_loop()
        self._answering: asyncio.Event | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> WeakSignal:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def hang(self) -> None:
        """Keep accepting and reading, answer nothing (connections already open included)."""
        self._loop.call_soon_threadsafe(self._answering.clear)

    def answer(self) -> None:
        """Pass everything through again, starting with what was held back."""
        self._loop.call_soon_threadsafe(self._answering.set)

    async def _start(self) -> None:
        self._answering = asyncio.Event()
        self._answering.set()
        self._server = await asyncio.start_server(self._connection, self.host, self.port)

    async def _stop(self) -> None:
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        self._answering.set()  # let the held pipes see their closed ends and finish
        await asyncio.sleep(0.05)
        await self._server.wait_closed()

    async def _connection(self, client_reader, client_writer) -> None:
        self._writers.add(client_writer)
        try:
            server_reader, server_writer = await asyncio.open_connection(self.host, self.upstream_port)
        except OSError:
            client_writer.close()
            return
        self._writers.add(server_writer)
        await asyncio.gather(self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer))

    async def _pipe(self, reader, writer) -> None:
        try:
            while data := await reader.read(65536):
                await self._answering.wait()
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
            self._writers.discard(writer)
