"""One way to time a page, shared by both sides of the queue comparison (review_queue.py, helpdesk_queue.py).

Plain Python with Django imported inside the functions, so each side's own virtualenv can use it.
"""

import statistics
import time


def record(results: dict, label: str, times: list[float], queries: int | None = None) -> None:
    """Prints one line (p50, p95 and the queries of one request) and keeps its figures in ``results[label]``."""
    p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
    results[label] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "queries": queries}
    shown = f"  {queries:3d} queries" if queries is not None else ""
    print(f"{label:<44} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms{shown}")


def timed(client, url: str, label: str, requests: int, results: dict) -> list[float]:
    """Counts the queries of one GET of ``url``, then times ``requests`` more; returns the times in ms."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    record(results, label, times, len(queries))
    return times
