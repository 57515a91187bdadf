"""Web pages served by the app: the agent desk (`/agent`) and the supervisor view."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from voicebot.server.app import STATIC_DIR

router = APIRouter(tags=["pages"])


@router.get("/agent", include_in_schema=False)
async def agent_page() -> FileResponse:
    """The agent desk: log in, waiting calls, claim, context, close."""
    return FileResponse(STATIC_DIR / "agent.html", media_type="text/html")


@router.get("/supervisor", include_in_schema=False)
async def supervisor_page() -> FileResponse:
    """The same page opened on its supervisor tab."""
    return FileResponse(STATIC_DIR / "agent.html", media_type="text/html")
