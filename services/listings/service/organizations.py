"""Use cases of organisations: register, verify, update, read."""

from __future__ import annotations

from services.listings.domain import organizations as domain
from services.listings.domain.organizations import Organization, OrganizationDetails
from services.listings.service.base import new_id
from services.listings.service.errors import (
    AlreadyExistsError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
)
from services.listings.service.ports import OrganizationStore, Transactions
from shared.auth import Principal, Role
from shared.clock import Clock
from shared.outbox import Tx


class Organizations:
    def __init__(self, outbox: Transactions, orgs: OrganizationStore, clock: Clock) -> None:
        self._outbox = outbox
        self._orgs = orgs
        self._clock = clock

    async def register(
        self, principal: Principal, details: OrganizationDetails, requested_id: str | None
    ) -> Organization:
        """An `org` principal registers the organisation its token names; a broker any other."""
        organization_id = _id_to_register(principal, requested_id)

        async def work(tx: Tx) -> Organization:
            change = domain.register(organization_id, details, self._clock())
            await self._orgs.add(change.organization, tx.session)
            tx.emit(*change.events)
            return change.organization

        try:
            return await self._outbox.unit_of_work(work)
        except AlreadyExistsError:
            raise ConflictError(f"organisation {organization_id} is already registered") from None

    async def verify(self, broker: Principal, organization_id: str) -> Organization:
        async def work(tx: Tx) -> Organization:
            org = await self._load(organization_id, tx)
            change = domain.verify(org, broker.subject, self._clock())
            await self._orgs.save(change.organization, tx.session)
            tx.emit(*change.events)
            return change.organization

        return await self._outbox.unit_of_work(work)

    async def update(
        self,
        principal: Principal,
        organization_id: str,
        details: OrganizationDetails,
        expected_version: int,
    ) -> Organization:
        if not (principal.acts_for(organization_id) or principal.has(Role.broker)):
            raise ForbiddenError(f"only organisation {organization_id} or a broker may change it")

        async def work(tx: Tx) -> Organization:
            org = await self._load(organization_id, tx)
            if org.version != expected_version:
                raise ConflictError(_stale("organisation", org.version, expected_version))
            by_broker = principal.has(Role.broker)
            change = domain.update(org, details, self._clock(), by_broker=by_broker)
            await self._orgs.save(change.organization, tx.session)
            tx.emit(*change.events)
            return change.organization

        return await self._outbox.unit_of_work(work)

    async def get(self, organization_id: str) -> Organization:
        org = await self._orgs.get(organization_id)
        if org is None:
            raise NotFoundError("organisation", organization_id)
        return org

    async def listed(self, verified: bool, limit: int, *, broker: bool) -> list[Organization]:
        """The directory (verified ones, by name) for anyone; the verification queue
        (unverified ones, oldest first) for brokers only."""
        if not verified and not broker:
            raise ForbiddenError("only brokers see organisations awaiting verification")
        return await self._orgs.listed(verified, limit)

    async def _load(self, organization_id: str, tx: Tx) -> Organization:
        org = await self._orgs.get(organization_id, tx.session)
        if org is None:
            raise NotFoundError("organisation", organization_id)
        return org


def _id_to_register(principal: Principal, requested_id: str | None) -> str:
    if principal.has(Role.broker):
        return requested_id or new_id("org")
    if principal.organization_id is None:
        raise ForbiddenError("only an org principal or a broker may register an organisation")
    if requested_id not in (None, principal.organization_id):
        raise ForbiddenError(f"your token acts for {principal.organization_id}, not {requested_id}")
    return principal.organization_id


def _stale(what: str, current: int, sent: int) -> str:
    return f"the {what} is at version {current}, you sent {sent}: reload it and retry"
