"""The MongoDB side of the awards service, and nothing else.

Documents are the domain models dumped as JSON-compatible values (dates as ISO strings, which
also sort and compare correctly), keyed by the model's natural id.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any, Final, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.awards.domain.activity import ActivityFact
from services.awards.domain.eligibility import Nominee
from services.awards.domain.nomination import Nomination, NominationStatus, duplicate_nomination
from services.awards.domain.programme import Programme, ProgrammeStatus
from services.awards.domain.recusal import Assignment, Reviewer
from services.awards.domain.scoring import Scorecard
from shared.mongo import Document

Session = AsyncClientSession | None
M = TypeVar("M", bound=BaseModel)

PROGRAMMES: Final = "programmes"
NOMINATIONS: Final = "nominations"
ORGANIZATIONS: Final = "organizations"
LISTING_OWNERS: Final = "listing_owners"
FACTS: Final = "activity_facts"
REVIEWERS: Final = "reviewers"
ASSIGNMENTS: Final = "assignments"
SCORECARDS: Final = "scorecards"

INDEXES: Final = {
    NOMINATIONS: [
        # One standing nomination per nominee, category and programme (withdrawn ones excepted).
        IndexModel(
            [("programme_id", ASCENDING), ("category_id", ASCENDING), ("nominee_id", ASCENDING)],
            name="one_standing_per_nominee",
            unique=True,
            partialFilterExpression={"standing": True},
        ),
        IndexModel([("programme_id", ASCENDING), ("status", ASCENDING)], name="by_programme"),
        IndexModel([("nominee_id", ASCENDING), ("status", ASCENDING)], name="by_nominee"),
        IndexModel([("nominator_organization_id", ASCENDING)], name="by_nominator"),
    ],
    FACTS: [
        IndexModel([("organization_id", ASCENDING), ("on", ASCENDING)], name="by_organization"),
        IndexModel([("listing_id", ASCENDING)], name="by_listing"),
    ],
    ASSIGNMENTS: [
        IndexModel([("programme_id", ASCENDING), ("reviewer", ASCENDING)], name="by_reviewer"),
    ],
    SCORECARDS: [
        IndexModel([("nomination_id", ASCENDING), ("round_id", ASCENDING)], name="by_nomination"),
    ],
}


class AwardsRepository:
    def __init__(self, db: AsyncDatabase[Document]):
        self._db = db

    # --- programmes --------------------------------------------------------------------

    async def insert_programme(self, programme: Programme, session: Session) -> None:
        await self._db[PROGRAMMES].insert_one(
            _doc(programme.programme_id, programme), session=session
        )

    async def save_programme(self, programme: Programme, session: Session) -> None:
        await self._replace(PROGRAMMES, programme.programme_id, programme, session)

    async def programme(self, programme_id: str, session: Session = None) -> Programme | None:
        return await self._get(PROGRAMMES, programme_id, Programme, session)

    async def programmes(self, *, unfinished: bool = False) -> list[Programme]:
        query = {"status": {"$ne": ProgrammeStatus.PUBLISHED.value}} if unfinished else {}
        docs = await self._db[PROGRAMMES].find(query).sort("year", -1).to_list(None)
        return [_model(Programme, d) for d in docs]

    # --- nominations -------------------------------------------------------------------

    async def insert_nomination(self, nomination: Nomination, session: Session) -> None:
        try:
            await self._db[NOMINATIONS].insert_one(_nomination_doc(nomination), session=session)
        except DuplicateKeyError as exc:  # a concurrent twin passed the service's check
            raise duplicate_nomination(nomination.nominee.name) from exc

    async def save_nomination(self, nomination: Nomination, session: Session) -> None:
        await self._db[NOMINATIONS].replace_one(
            {"_id": nomination.nomination_id}, _nomination_doc(nomination), session=session
        )

    async def nomination(self, nomination_id: str, session: Session = None) -> Nomination | None:
        return await self._get(NOMINATIONS, nomination_id, Nomination, session)

    async def nominations(
        self,
        programme_id: str,
        *,
        category_id: str | None = None,
        statuses: Collection[NominationStatus] = (),
        round_id: str | None = None,
        session: Session = None,
    ) -> list[Nomination]:
        query: dict[str, Any] = {"programme_id": programme_id}
        if category_id is not None:
            query["category_id"] = category_id
        if statuses:
            query["status"] = {"$in": [s.value for s in statuses]}
        if round_id is not None:
            query["round_id"] = round_id
        return await self._find(NOMINATIONS, query, Nomination, session)

    async def standing_nomination(
        self, programme_id: str, category_id: str, nominee_id: str, session: Session
    ) -> Nomination | None:
        query = {
            "programme_id": programme_id,
            "category_id": category_id,
            "nominee_id": nominee_id,
            "standing": True,
        }
        doc = await self._db[NOMINATIONS].find_one(query, session=session)
        return None if doc is None else _model(Nomination, doc)

    async def submitted_nominations_of(
        self, organization_ids: Collection[str], session: Session
    ) -> list[Nomination]:
        query = {
            "nominee_id": {"$in": list(organization_ids)},
            "status": NominationStatus.SUBMITTED.value,
        }
        return await self._find(NOMINATIONS, query, Nomination, session)

    async def nominations_involving(self, organization_id: str) -> list[Nomination]:
        query = {
            "$or": [
                {"nominee_id": organization_id},
                {"nominator_organization_id": organization_id},
            ]
        }
        return await self._find(NOMINATIONS, query, Nomination, None)

    # --- organisations and listing owners (from other services' events) ---------------------

    async def save_organization(self, organization: Nominee, session: Session) -> None:
        await self._replace(ORGANIZATIONS, organization.organization_id, organization, session)

    async def organization(self, organization_id: str, session: Session = None) -> Nominee | None:
        return await self._get(ORGANIZATIONS, organization_id, Nominee, session)

    async def record_listing_owner(self, listing_id: str, owner_id: str, session: Session) -> None:
        await self._db[LISTING_OWNERS].update_one(
            {"_id": listing_id}, {"$set": {"owner": owner_id}}, upsert=True, session=session
        )

    async def listing_owner(self, listing_id: str, session: Session) -> str | None:
        doc = await self._db[LISTING_OWNERS].find_one({"_id": listing_id}, session=session)
        return None if doc is None else str(doc["owner"])

    # --- activity facts ----------------------------------------------------------------

    async def save_facts(self, facts: Iterable[ActivityFact], session: Session) -> None:
        for fact in facts:
            fields = fact.model_dump(mode="json", exclude={"organization_id"})
            if fact.organization_id is None:
                # Never forget an owner learnt earlier because a replay does not know it.
                update = {"$set": fields, "$setOnInsert": {"organization_id": None}}
            else:
                update = {"$set": fields | {"organization_id": fact.organization_id}}
            await self._db[FACTS].update_one(
                {"_id": fact.fact_id}, update, upsert=True, session=session
            )

    async def assign_owner(self, listing_id: str, owner_id: str, session: Session) -> int:
        """Give the facts of an anonymous listing their owner; returns how many changed."""
        result = await self._db[FACTS].update_many(
            {"listing_id": listing_id, "organization_id": None},
            {"$set": {"organization_id": owner_id}},
            session=session,
        )
        return result.modified_count

    async def facts_of(
        self, organization_id: str, start: date, end: date, session: Session
    ) -> list[ActivityFact]:
        query = {
            "organization_id": organization_id,
            "on": {"$gte": start.isoformat(), "$lte": end.isoformat()},
        }
        return await self._find(FACTS, query, ActivityFact, session)

    # --- reviewers, assignments, scorecards ----------------------------------------------

    async def save_reviewer(self, programme_id: str, reviewer: Reviewer, session: Session) -> None:
        doc = _doc(f"{programme_id}:{reviewer.subject}", reviewer) | {"programme_id": programme_id}
        await self._db[REVIEWERS].replace_one(
            {"_id": doc["_id"]}, doc, upsert=True, session=session
        )

    async def reviewer(
        self, programme_id: str, subject: str, session: Session = None
    ) -> Reviewer | None:
        return await self._get(REVIEWERS, f"{programme_id}:{subject}", Reviewer, session)

    async def reviewers(self, programme_id: str, session: Session = None) -> list[Reviewer]:
        return await self._find(REVIEWERS, {"programme_id": programme_id}, Reviewer, session)

    async def save_assignment(self, assignment: Assignment, session: Session) -> None:
        key = ":".join(
            (
                assignment.programme_id,
                assignment.category_id,
                assignment.round_id,
                assignment.reviewer,
            )
        )
        await self._replace(ASSIGNMENTS, key, assignment, session)

    async def assignments_of(
        self, programme_id: str, reviewer: str, session: Session = None
    ) -> list[Assignment]:
        query = {"programme_id": programme_id, "reviewer": reviewer}
        return await self._find(ASSIGNMENTS, query, Assignment, session)

    async def save_scorecard(self, card: Scorecard, session: Session) -> None:
        key = f"{card.nomination_id}:{card.round_id}:{card.reviewer}"
        await self._replace(SCORECARDS, key, card, session)

    async def scorecards(
        self, nomination_ids: Collection[str], round_id: str | None = None, session: Session = None
    ) -> list[Scorecard]:
        query: dict[str, Any] = {"nomination_id": {"$in": list(nomination_ids)}}
        if round_id is not None:
            query["round_id"] = round_id
        return await self._find(SCORECARDS, query, Scorecard, session)

    # --- helpers -----------------------------------------------------------------------

    async def _get(self, collection: str, key: str, model: type[M], session: Session) -> M | None:
        doc = await self._db[collection].find_one({"_id": key}, session=session)
        return None if doc is None else _model(model, doc)

    async def _find(
        self, collection: str, query: Document, model: type[M], session: Session
    ) -> list[M]:
        docs = await self._db[collection].find(query, session=session).sort("_id", 1).to_list(None)
        return [_model(model, d) for d in docs]

    async def _replace(self, collection: str, key: str, model: BaseModel, session: Session) -> None:
        await self._db[collection].replace_one(
            {"_id": key}, _doc(key, model), upsert=True, session=session
        )


def _doc(key: str, model: BaseModel) -> Document:
    return {"_id": key, **model.model_dump(mode="json")}


def _nomination_doc(nomination: Nomination) -> Document:
    # Top-level copies of nested values the indexes and queries need.
    return _doc(nomination.nomination_id, nomination) | {
        "nominee_id": nomination.nominee.organization_id,
        "standing": nomination.status is not NominationStatus.WITHDRAWN,
    }


def _model(model: type[M], doc: Document) -> M:
    return model.model_validate({k: v for k, v in doc.items() if k != "_id"})
