"""HTTP: transfer contracts made outside the platform, declared by a broker so that the
indicators cover the province's market (brokers only: the parties' names are private)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.matching.domain.declared_contracts import ContractDeclaration, DeclaredContract
from services.matching.service.indicators import Indicators
from shared.auth import Principal, Role, require
from shared.http import PROBLEM_RESPONSES

Broker = Annotated[Principal, Depends(require(Role.broker))]


def declared_contracts_router(desk: Indicators) -> APIRouter:
    router = APIRouter(
        prefix="/v1/declared-contracts", tags=["indicators"], responses=PROBLEM_RESPONSES
    )

    @router.post(
        "",
        status_code=201,
        summary="Declare a transfer contract signed outside the platform",
        responses={409: {"description": "This registration certificate was declared already."}},
    )
    async def declare_contract(body: ContractDeclaration, broker: Broker) -> DeclaredContract:
        return await desk.declare(body, broker.subject)

    @router.get("", summary="Declared contracts, newest signature first")
    async def list_declared(
        _: Broker,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> list[DeclaredContract]:
        return await desk.declared(limit, offset)

    return router
