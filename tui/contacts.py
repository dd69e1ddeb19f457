"""Finding contacts: fuzzy search over a registry's contact table by id, name, organization, e-mail."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from .model import Contact, Registry


def contact_haystack(contact: Contact) -> str:
    """The text a contact is searched by."""
    return " ".join(
        part for part in (contact.id, contact.name, contact.organization, contact.email) if part
    )


def search_contacts(registry: Registry, query: str, limit: int | None = None) -> list[Contact]:
    """Contacts matching `query`, best first; every contact, sorted by id, for an empty query."""
    contacts = list(registry.contacts.values())
    query = query.strip()
    if not query:
        return sorted(contacts, key=lambda c: c.id.lower())[:limit]
    needle = utils.default_process(query)
    if not needle:
        return []
    haystacks = [utils.default_process(contact_haystack(c)) for c in contacts]
    exact = [c for c, text in zip(contacts, haystacks) if needle in text]
    if exact:
        exact.sort(key=lambda c: (not c.id.lower().startswith(needle.replace(" ", "_")), c.id))
        return exact[:limit]
    found = process.extract(
        needle,
        haystacks,
        scorer=fuzz.partial_ratio,
        processor=None,
        score_cutoff=80,
        limit=limit or len(haystacks),
    )
    return [contacts[index] for _, _, index in found]
