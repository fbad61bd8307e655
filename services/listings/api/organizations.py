"""Organisations: register, verify (brokers), update, read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from services.listings.api.deps import BrokerDep, OrgOrBrokerDep, UseCasesDep, ViewerDep
from services.listings.api.models import OrganizationCreate, OrganizationRead, OrganizationUpdate
from services.listings.domain.organizations import Organization
from shared.clock import local_day, utc_now
from shared.http import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/organizations", tags=["organisations"], responses=PROBLEM_RESPONSES)
OrgIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{3,64}$")]


def _read(org: Organization, private: bool) -> OrganizationRead:
    return OrganizationRead.of(org, local_day(utc_now()), private)


@router.post("", status_code=status.HTTP_201_CREATED)
async def register_organization(
    body: OrganizationCreate, principal: OrgOrBrokerDep, services: UseCasesDep
) -> OrganizationRead:
    """An `org` principal registers its own organisation (the token's `org_id`); a broker
    registers one on its behalf. A broker then verifies it."""
    org = await services.organizations.register(principal, body.details(), body.organization_id)
    return _read(org, private=True)


@router.post("/{organization_id}/verify")
async def verify_organization(
    organization_id: OrgIdPath, broker: BrokerDep, services: UseCasesDep
) -> OrganizationRead:
    org = await services.organizations.verify(broker, organization_id)
    return _read(org, private=True)


@router.put("/{organization_id}")
async def update_organization(
    organization_id: OrgIdPath, body: OrganizationUpdate, principal: OrgOrBrokerDep,
    services: UseCasesDep,
) -> OrganizationRead:  # fmt: skip
    org = await services.organizations.update(
        principal, organization_id, body.details(), body.version
    )
    return _read(org, private=True)


@router.get("")
async def list_organizations(
    viewer: ViewerDep,
    services: UseCasesDep,
    verified: Annotated[
        bool,
        Query(
            description="`true`: the directory, by name. `false`: the verification queue, "
            "oldest registration first (brokers only)."
        ),
    ] = True,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[OrganizationRead]:
    """Organisations: public profiles for anyone; brokers also see each contact."""
    orgs = await services.organizations.listed(verified, limit, broker=viewer.broker)
    return [_read(org, private=viewer.broker) for org in orgs]


@router.get("/{organization_id}")
async def get_organization(
    organization_id: OrgIdPath, viewer: ViewerDep, services: UseCasesDep
) -> OrganizationRead:
    """The public profile; the organisation itself and brokers also see its contact."""
    org = await services.organizations.get(organization_id)
    return _read(org, private=viewer.broker or viewer.organization_id == organization_id)
