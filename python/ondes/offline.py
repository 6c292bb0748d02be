"""offline.py — csoundengine's module layout: `from ondes.offline import
OfflineSession, OfflineEngine` as `from csoundengine.offline import …`."""
from .session import OfflineSession
from .offlineengine import OfflineEngine, RenderJob

__all__ = ["OfflineSession", "OfflineEngine", "RenderJob"]
