"""Load on the production stack: requests/s, p50, p99 and errors per URL.

Run: python benchmarks/load.py [--requests N] [--concurrency C]

Starts the same stack as `make prod-smoke` (PostgreSQL, its own Redis,
gunicorn with 2 workers, a Celery worker and beat; DEBUG off), signs in as
office staff, and sends a bounded number of GET requests per URL from a
small asyncio client over loopback only (127.0.0.1), C at a time. Prints
one line per URL, then stops everything it started.
"""

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))

from prod_smoke import PASSWORD, Browser, Stack, second_factor

STAFF_URLS = ("/", "/contacts/")
FEED_URLS = (
    "/api/public/events.json",
    "/api/public/partners.json",
    "/events/feed.ics",
    "/events/feed/karlsruhe.ics",
)
LOOPBACK = "127.0.0.1"


async def fetch(port: int, path: str, cookie: str) -> tuple[int, float]:
    """One GET over a fresh connection (gunicorn's sync workers close it)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\nX-Forwarded-Proto: https\r\n"
        f"Cookie: {cookie}\r\nConnection: close\r\n\r\n"
    )
    writer.write(request.encode())
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()  # headers and body, until the server closes
    writer.close()
    await writer.wait_closed()
    status = int(status_line.split()[1]) if status_line else 0
    return status, time.perf_counter() - started


async def load(port: int, path: str, cookie: str, total: int, concurrency: int) -> dict:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(total):
        queue.put_nowait(number)
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        while not queue.empty():
            queue.get_nowait()
            try:
                status, seconds = await asyncio.wait_for(fetch(port, path, cookie), 30)
            except (OSError, TimeoutError):
                errors += 1
                continue
            latencies.append(seconds)
            if status != 200:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]
    return {
        "rps": total / elapsed,
        "p50": statistics.median(ordered),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per URL (bounded)")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--web-port", type=int, help="gunicorn's port (default: a free one)")
    parser.add_argument("--redis-port", type=int, help="the private Redis (default: a free one)")
    args = parser.parse_args()
    stack = Stack(web_port=args.web_port, redis_port=args.redis_port)
    try:
        stack.up()
        web = Browser(stack.base)
        token = web.csrf("/accounts/login/")
        web.request(
            "POST",
            "/accounts/login/",
            data={"username": "office", "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        second_factor(web)  # office staff need one with DEBUG off
        cookie = "; ".join(f"{k}={v}" for k, v in web.cookies.items())
        for path in FEED_URLS:  # warm the cache, as the website's visitors do
            web.request("GET", path)
        print(f"{'URL':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for path in STAFF_URLS + FEED_URLS:
            result = asyncio.run(
                load(stack.web_port, path, cookie, args.requests, args.concurrency)
            )
            print(
                f"{path:32} {result['rps']:8.1f} {result['p50'] * 1000:8.0f} "
                f"{result['p99'] * 1000:8.0f} {result['errors']:7d}"
            )
    finally:
        stack.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
