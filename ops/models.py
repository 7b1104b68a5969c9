from django.db import models


class RateLimitCount(models.Model):
    """One client's hits in one scope and window, shared by every worker on the machine
    (or every app server, on PostgreSQL) when there is no Redis: ops/ratelimit.py. The key
    is a salted hash of the scope, window and client; no address is kept."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    # Seconds since the epoch when the window ends: the row means nothing after it.
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "rate-limit count"

    def __str__(self) -> str:
        return f"{self.count} until {self.expires}"
