"""Demo data, loaded through the HTTP API as real users would (the local launcher runs it).

    python -m services.listings.seed [--url http://127.0.0.1:8001]

Registers the organisations of `seed_data/organizations.json` (each with its own `org` token),
verifies them as a broker, then creates, submits and approves every offer and demand of
`seed_data/offers.jsonl` and `demands.jsonl`. Running it again changes nothing: what exists
(by organisation id, and by title per owner) is only moved forward to `published`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path
from typing import Any

import httpx

from services.listings.settings import ListingsSettings
from shared.auth import Role, mint_token

DATA = Path(__file__).resolve().parent / "seed_data"
SEED_SCORE = {"clarity": 4, "completeness": 4, "commercial_relevance": 4}
OWN_STATUSES = ("draft", "returned", "submitted", "published", "expired", "fulfilled", "withdrawn")
Json = dict[str, Any]


class SeedError(RuntimeError):
    pass


class Seeder:
    def __init__(self, http: httpx.Client, settings: ListingsSettings) -> None:
        self._http = http
        self._settings = settings
        self._broker = self._bearer("seed-broker", Role.broker)
        self._existing: dict[str, dict[str, Json]] = {}

    def _bearer(self, subject: str, role: Role, org_id: str | None = None) -> dict[str, str]:
        s = self._settings
        token = mint_token(
            s.jwt_secret.get_secret_value(), subject, [role], org_id=org_id,
            audience=s.jwt_audience, issuer=s.jwt_issuer,
        )  # fmt: skip
        return {"Authorization": f"Bearer {token}"}

    def _org(self, organization_id: str) -> dict[str, str]:
        return self._bearer(f"seed-{organization_id}", Role.org, organization_id)

    def _call(self, method: str, path: str, headers: dict[str, str], **kwargs: Any) -> Json:
        response = self._http.request(method, path, headers=headers, **kwargs)
        if response.is_error:
            raise SeedError(f"{method} {path}: {response.status_code} {response.text[:500]}")
        result: Json = response.json()
        return result

    def wait_until_ready(self, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self._http.get("/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(1.0)
        raise SeedError(f"{self._http.base_url} is not ready after {seconds:.0f}s")

    def ensure_organization(self, entry: Json) -> None:
        body = dict(entry)
        organization_id = body.pop("organization_id")
        path = f"/v1/organizations/{organization_id}"
        found = self._http.get(path, headers=self._broker)
        if found.status_code == 404:
            found_org = self._call(
                "POST", "/v1/organizations", self._org(organization_id), json=body
            )
        else:
            found_org = self._call("GET", path, self._broker)
        if not found_org["verified"]:
            self._call("POST", f"{path}/verify", self._broker)

    def ensure_published(self, entry: Json) -> str:
        body = dict(entry)
        owner = body.pop("owner")
        listing = self._existing_listings(owner).get(body["title"])
        if listing is None:
            key = "seed-" + hashlib.sha256(f"{owner}/{body['title']}".encode()).hexdigest()[:32]
            headers = self._org(owner) | {"Idempotency-Key": key}
            listing = self._call("POST", "/v1/listings", headers, json=body)
        return self._forward(owner, listing)

    def _forward(self, owner: str, listing: Json) -> str:
        path = f"/v1/listings/{listing['listing_id']}"
        status = listing["status"]
        if status in ("draft", "returned"):
            status = self._call("POST", f"{path}/submit", self._org(owner))["status"]
        if status == "submitted":
            self._call("POST", f"{path}/approve", self._broker, json={"score": SEED_SCORE})
        return str(listing["listing_id"])

    def _existing_listings(self, owner: str) -> dict[str, Json]:
        """The owner's listings by title, in every status the seed can move forward."""
        if owner not in self._existing:
            found: dict[str, Json] = {}
            for status in OWN_STATUSES:
                found |= {item["title"]: item for item in self._all(owner, status)}
            self._existing[owner] = found
        return self._existing[owner]

    def _all(self, owner: str, status: str) -> list[Json]:
        items: list[Json] = []
        params: dict[str, Any] = {"owner": owner, "status": status, "limit": 100}
        while True:
            page = self._call("GET", "/v1/listings", self._org(owner), params=params)
            items += page["items"]
            if page["next_cursor"] is None:
                return items
            params["cursor"] = page["next_cursor"]


def load() -> tuple[list[Json], list[Json]]:
    organizations = json.loads((DATA / "organizations.json").read_text(encoding="utf-8"))
    listings = [
        json.loads(line)
        for name in ("offers.jsonl", "demands.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return organizations, listings


def main(argv: list[str] | None = None) -> int:
    settings = ListingsSettings()
    parser = argparse.ArgumentParser(prog="python -m services.listings.seed", description=__doc__)
    parser.add_argument("--url", default=f"http://127.0.0.1:{settings.http_port}")
    args = parser.parse_args(argv)
    organizations, listings = load()
    with httpx.Client(base_url=args.url, timeout=30.0) as http:
        seeder = Seeder(http, settings)
        seeder.wait_until_ready()
        try:
            for organization in organizations:
                seeder.ensure_organization(organization)
            published = [seeder.ensure_published(listing) for listing in listings]
        except SeedError as exc:
            print(f"seed: {exc}")
            return 1
    print(f"seed: {len(organizations)} organisations, {len(published)} listings published")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
