"""Outbound webhooks: a signed JSON POST telling a caller that its page-generation task completed or failed.

``targets`` is the SSRF guard, ``signing`` the body and its HMAC headers, ``queueing`` when attempts run
(first attempt, retries, stalled deliveries) and ``delivery`` one attempt, sent and recorded. Callers import
from those modules; the receiver's side is in README.md, *Webhooks*.
"""

# Queued tasks and retry schedules name their function by the dotted path "websites.webhooks.deliver"
# (queueing.DELIVER_FUNC), also rows stored before this package was split: that path must keep importing.
from websites.webhooks.delivery import deliver

__all__ = ["deliver"]
