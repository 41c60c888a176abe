"""Fakes of outside services: small real servers on 127.0.0.1 that tests script and inspect."""

from tests.fakes.openai_server import FakeOpenAI, RecordedRequest

__all__ = ["FakeOpenAI", "RecordedRequest"]
