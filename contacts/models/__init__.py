"""Organisations, persons, first contacts (Erstgespräche) and the records of
the data tools (merge logs, dismissed duplicate pairs)."""

from contacts.models.cards import BusinessCard
from contacts.models.digest import DigestDelivery
from contacts.models.exports import ListExport
from contacts.models.first_contacts import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
)
from contacts.models.imports import ImportJob
from contacts.models.merging import (
    DuplicateDismissal,
    DuplicateSuggestion,
    MergeLog,
    MergeLogManager,
    MergeLogQuerySet,
)
from contacts.models.organisations import Organisation
from contacts.models.persons import Person

__all__ = [
    "BusinessCard",
    "CooperationPotential",
    "DigestDelivery",
    "DuplicateDismissal",
    "DuplicateSuggestion",
    "FirstContact",
    "FirstContactPotential",
    "ImportJob",
    "ListExport",
    "MergeLog",
    "MergeLogManager",
    "MergeLogQuerySet",
    "Organisation",
    "Person",
]
