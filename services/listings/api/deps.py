"""`Annotated` dependencies that keep the routes short."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.listings.search import Viewer
from services.listings.wiring import UseCases
from shared.auth import OptionalPrincipalDep, Principal, Role, require


def services(request: Request) -> UseCases:
    found: UseCases = request.app.state.services
    return found


def viewer(principal: OptionalPrincipalDep) -> Viewer:
    if principal is None:
        return Viewer()
    return Viewer(organization_id=principal.organization_id, broker=principal.has(Role.broker))


UseCasesDep = Annotated[UseCases, Depends(services)]
ViewerDep = Annotated[Viewer, Depends(viewer)]
OrgDep = Annotated[Principal, Depends(require(Role.org))]
BrokerDep = Annotated[Principal, Depends(require(Role.broker))]
OrgOrBrokerDep = Annotated[Principal, Depends(require(Role.org, Role.broker))]
