"""Agent authentication: a tenant's API token as `Authorization: Bearer`, or a session cookie.

The web page trades the token for an HttpOnly, SameSite=Strict cookie (so EventSource works
and page scripts never hold the token). Cookie-authenticated changes also need the header
`X-Voicebot-Agent: 1`, which other sites cannot send without a CORS preflight.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from voicebot.handoff.tokens import Agent
from voicebot.server.app import server_state

COOKIE = "voicebot_agent"
CSRF_HEADER = "x-voicebot-agent"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

router = APIRouter(tags=["agent session"])  # included by agent_api under /api


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )


def request_token(request: Request) -> str:
    """The token of a request: Bearer header first, then the session cookie ('' when none)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    token = request.cookies.get(COOKIE, "")
    unsafe = request.method in UNSAFE_METHODS
    if token and unsafe and request.headers.get(CSRF_HEADER) != "1":
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"missing header {CSRF_HEADER}: 1")
    return token


async def current_agent(request: Request) -> Agent:
    """The agent of the request's token (Bearer header or session cookie); 401 otherwise."""
    token = request_token(request)
    if not token:
        raise _unauthorized("missing agent token (Authorization: Bearer <token>)")
    agent = await server_state(request).agent_tokens.verify(token)
    if agent is None:
        raise _unauthorized("invalid or revoked agent token")
    return agent


CurrentAgent = Annotated[Agent, Depends(current_agent)]


class SessionIn(BaseModel):
    token: str = Field(min_length=1, max_length=200, description="token from `voicebot agents add`")


class AgentOut(BaseModel):
    tenant: str
    name: str
    token_id: str


@router.post("/session", summary="Log in: trade a token for a session cookie")
async def open_session(body: SessionIn, request: Request, response: Response) -> AgentOut:
    agent = await server_state(request).agent_tokens.verify(body.token.strip())
    if agent is None:
        raise _unauthorized("invalid or revoked agent token")
    response.set_cookie(
        COOKIE,
        body.token.strip(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/api",
    )
    return AgentOut(tenant=agent.tenant, name=agent.name, token_id=agent.token_id)


@router.delete("/session", summary="Log out: drop the session cookie")
async def close_session(response: Response) -> dict[str, str]:
    response.delete_cookie(COOKIE, path="/api")
    return {"status": "logged out"}
