"""Load on the production stack: requests/s, p50, p99 and errors per URL.

Run: python benchmarks/load.py [--requests N] [--concurrency C]

Starts the same stack as `make prod-smoke` (PostgreSQL, its own Redis,
gunicorn with 2 workers, a Celery worker and beat; DEBUG off), signs in as
office staff, and sends a bounded number of GET requests per URL from a
small asyncio client over loopback only (127.0.0.1), C at a time. Prints
one line per URL, then stops everything it started. ``/contacts/`` is loaded
twice: as staff open it (the list from the cache after the first request)
and with a new address per request (``?uncached=N``: rendered every time).

Besides the wall-clock figures (which depend on whatever else runs on the
machine) it prints the CPU each request cost: the server side (gunicorn's
master and workers, the stack's Redis and the PostgreSQL backends of its
database, read from /proc) and this client, and the requests/s two cores
could serve at that cost (``capacity``). A PostgreSQL backend closed during
a URL's run (CONN_MAX_AGE) takes its share with it, so the server figure can
be a little low.
"""

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))

from prod_smoke import DATABASE, PASSWORD, Browser, Stack, second_factor

# ``{n}`` is replaced by the request's number: every request is another
# address, so the contact list is rendered each time, never from the cache.
STAFF_URLS = ("/", "/contacts/", "/contacts/?uncached={n}")
FEED_URLS = (
    "/api/public/events.json",
    "/api/public/partners.json",
    "/events/feed.ics",
    "/events/feed/karlsruhe.ics",
)
LOOPBACK = "127.0.0.1"
CORES = 2
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(stack: Stack) -> dict[int, float]:
    """CPU seconds used so far by each process of gunicorn, the stack's Redis
    and the PostgreSQL backends serving the stack's database."""
    groups = {process.pid for name, process in stack.processes if name in ("web", "redis")}
    used = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            command, rest = stat.rsplit(")", 1)
            fields = rest.split()
            ours = int(fields[2]) in groups
            if not ours and command.endswith("(postgres"):
                cmdline = Path(f"/proc/{entry.name}/cmdline").read_bytes()
                ours = f" {DATABASE} ".encode() in cmdline
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        if ours:
            used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    return used


def cpu_since(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two readings by the processes alive at the second
    (a process that ended meanwhile, e.g. a backend closed after
    CONN_MAX_AGE, takes its share with it)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


async def fetch(port: int, path: str, cookie: str) -> tuple[int, float]:
    """One GET over a fresh connection (gunicorn's sync workers close it)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\nX-Forwarded-Proto: https\r\n"
        f"{cookie_line}Connection: close\r\n\r\n"
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
            number = queue.get_nowait()
            try:
                address = path.format(n=number)
                status, seconds = await asyncio.wait_for(fetch(port, address, cookie), 30)
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
        visitor = Browser(stack.base)
        for path in FEED_URLS:  # warm the cache, as the website's visitors do
            visitor.request("GET", path)
        print(f"load average {os.getloadavg()[0]:.1f} at the start")
        print(
            f"{'URL':28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
            f"{'server CPU ms':>13} {'client CPU ms':>13} {'capacity/s':>10}"
        )
        for path in STAFF_URLS + FEED_URLS:
            server, client = server_cpu(stack), time.process_time()
            # Staff pages with the office session; feeds as the website's
            # visitors fetch them, without cookies.
            sent = cookie if path in STAFF_URLS else ""
            result = asyncio.run(load(stack.web_port, path, sent, args.requests, args.concurrency))
            server = cpu_since(server, server_cpu(stack)) / args.requests
            client = (time.process_time() - client) / args.requests
            print(
                f"{path:28} {result['rps']:7.1f} {result['p50'] * 1000:7.0f} "
                f"{result['p99'] * 1000:7.0f} {result['errors']:6d} {server * 1000:13.2f} "
                f"{client * 1000:13.2f} {CORES / (server + client):10.0f}"
            )
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        stack.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
