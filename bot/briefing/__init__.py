"""Services the commands and the scheduler share (synchronous; called via asyncio.to_thread)."""
