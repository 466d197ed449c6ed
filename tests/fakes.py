"""What every fake platform server shares: a record of calls, and waiting until the record says enough."""

from __future__ import annotations

import asyncio
import time


class RecordingFake:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.changed = asyncio.Event()

    def record(self, method: str, data: dict) -> None:
        self.calls.append((method, data))
        self.changed.set()

    def of(self, method: str) -> list[dict]:
        return [data for name, data in self.calls if name == method]

    async def wait(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        """Wait until `method` has been called `count` times; return those calls."""
        await self.wait_until(lambda: len(self.of(method)) >= count, timeout,
                              lambda: f"{method} called {len(self.of(method))} times, wanted {count}: "
                                      f"{[n for n, _ in self.calls]}")
        return self.of(method)

    async def wait_until(self, done, timeout: float = 5.0, why=lambda: "timed out") -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(why())
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=0.05)
            except TimeoutError:
                pass
