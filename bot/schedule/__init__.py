"""Daily digests for subscribed channels: times, the delivery ledger and the scheduler."""
