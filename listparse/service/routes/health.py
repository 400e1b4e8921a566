"""Operations routes: liveness, readiness and Prometheus metrics (no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ..metrics import CONTENT_TYPE_LATEST

__all__ = ["router"]

router = APIRouter(tags=["operations"])


@router.get("/livez", summary="The process is up")
async def livez() -> dict:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and the catalog is loaded")
def readyz(request: Request) -> JSONResponse:
    ready, checks = request.app.state.context.readiness()
    return JSONResponse({"status": "ready" if ready else "not ready", **checks}, status_code=200 if ready else 503)


@router.get("/metrics", summary="Prometheus metrics of this process")
def metrics(request: Request) -> Response:
    return Response(request.app.state.context.metrics.render(), media_type=CONTENT_TYPE_LATEST)
