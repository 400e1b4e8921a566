"""Prometheus metrics of one service process, in a registry of its own (one per app).

Each worker process counts its own requests; ``GET /metrics`` shows the answering process.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    """The counters and histograms the service updates."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "listparse_http_requests", "HTTP requests by route, method and status", ["route", "method", "status"], registry=r
        )
        self.latency = Histogram(
            "listparse_http_request_seconds", "HTTP request latency by route", ["route"], buckets=_LATENCY_BUCKETS, registry=r
        )
        self.messages = Counter(
            "listparse_messages", "list messages handled, by channel and action", ["channel", "action"], registry=r
        )
        self.message_latency = Histogram(
            "listparse_message_seconds", "time to handle one list message, by channel", ["channel"],
            buckets=_LATENCY_BUCKETS, registry=r,
        )
        self.items_parsed = Counter("listparse_items_parsed", "items parsed, by channel", ["channel"], registry=r)
        self.dedup_hits = Counter(
            "listparse_dedup_hits", "deliveries answered from the de-duplication record", ["channel"], registry=r
        )
        self.verification_failures = Counter(
            "listparse_verification_failures", "webhook deliveries refused by authentication", ["channel"], registry=r
        )
        self.outbox_sent = Counter(
            "listparse_outbox_messages", "outgoing replies by channel and result", ["channel", "result"], registry=r
        )

    def render(self) -> bytes:
        """The metrics in the Prometheus text format."""
        return generate_latest(self.registry)
