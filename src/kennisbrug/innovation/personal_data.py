"""The innovation app's personal data about a person: the introductions they asked for or
answered (with the messages they wrote) and the questions they wrote (GDPR export/erasure).

Questions and introductions belong to organisations and stay; on erasure they lose the
person (author, requester, responder) and the messages the person wrote.
"""

from __future__ import annotations

from django.db.models import Q

from kennisbrug.core.personal_data import PersonalDataSource

from .models import InnovationQuestion, Introduction


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict:
    introductions = (
        Introduction.objects.filter(Q(requested_by=user) | Q(responded_by=user))
        .select_related("requester_organisation", "provider_organisation")
        .order_by("created_at", "pk")
    )
    return {
        "introductions": [
            {
                "requester": i.requester_organisation.name,
                "provider": i.provider_organisation.name,
                "about": i.target_title,
                "state": i.state,
                "requested_by_me": i.requested_by_id == user.pk,
                "answered_by_me": i.responded_by_id == user.pk,
                "message": i.message if i.requested_by_id == user.pk else None,
                "response": i.response_message if i.responded_by_id == user.pk else None,
                "created_at": _iso(i.created_at),
                "decided_at": _iso(i.decided_at),
            }
            for i in introductions
        ],
        "innovation_questions": [
            {
                "title": q.title,
                "organisation": q.organisation.name,
                "created_at": _iso(q.created_at),
            }
            for q in InnovationQuestion.objects.filter(author=user).select_related("organisation")
        ],
    }


def _erase(user) -> None:
    Introduction.objects.filter(requested_by=user).update(requested_by=None, message="")
    Introduction.objects.filter(responded_by=user).update(responded_by=None, response_message="")
    InnovationQuestion.objects.filter(author=user).update(author=None)


SOURCE = PersonalDataSource(export=_export, erase=_erase)
