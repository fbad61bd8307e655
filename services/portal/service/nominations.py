"""An organisation's nominations: those it made or received with their status, and a new one
for an open programme's category."""

from __future__ import annotations

from services.portal.domain.field_errors import field_messages
from services.portal.domain.nominations import (
    FIELDS,
    RULES,
    Choice,
    NominationForm,
    NominationView,
    nomination_target,
    nomination_view,
    open_categories,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import AwardsDirectory, NominationDesk, Tokens
from shared.errors import ForbiddenError, NotFoundError

REFUSED = "Chưa nộp được đề cử"


class OrganizationNominations:
    def __init__(self, desk: NominationDesk, awards: AwardsDirectory, tokens: Tokens) -> None:
        self._desk = desk
        self._awards = awards
        self._tokens = tokens

    async def page(self, visitor: Visitor) -> tuple[list[NominationView], list[Choice]]:
        _, token = self._acting(visitor)
        programmes = await self._awards.programmes()
        names = {
            str(c["category_id"]): str(c.get("name", ""))
            for p in programmes
            for c in p.get("categories") or ()
        }
        views = [nomination_view(raw, names) for raw in await self._desk.mine(token)]
        return views, open_categories(programmes)

    async def nominate(self, visitor: Visitor, form: NominationForm) -> NominationForm | None:
        """None when submitted; otherwise the form with why not."""
        organization_id, token = self._acting(visitor)
        programme_id, body = nomination_target(form, organization_id)
        try:
            await self._desk.nominate(programme_id, body, token)
        except NotFoundError:
            return form.with_errors({"choice": RULES["category-not-found"]})
        except ForbiddenError:  # the only refusal of an organisation's nomination by role
            return form.with_errors({"_form": RULES["nominator-not-allowed"]})
        except FormRefusedError as refused:
            errors = field_messages(refused.errors, FIELDS)
            if "category_id" in errors:
                errors["choice"] = errors.pop("category_id")
            if not errors:
                errors["_form"] = RULES.get(refused.code) or f"{REFUSED}: {refused.detail}"
            return form.with_errors(errors)
        return None

    def _acting(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)
