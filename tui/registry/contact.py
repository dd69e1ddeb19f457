"""A row of the registry's contact (people) table: who registered an entry, how to reach them.

No interface imports. Re-exported by `tui.registry.model` and `tui.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Contact:
    """One row of the registry's contact (people) table.

    `uris` holds every URI the row has (a few people have two); `uri` is the first of them.
    Giving only `uri` makes `uris` that one; giving only `uris` makes `uri` its first.
    """

    id: str
    name: str = ""
    organization: str = ""
    uri: str = ""
    updated: str = ""
    uris: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.uris and self.uri:
            self.uris = (self.uri,)
        elif self.uris and not self.uri:
            self.uri = self.uris[0]

    @property
    def emails(self) -> tuple[str, ...]:
        """The address of every mailto: URI, with IANA's "&" for "@" turned back."""
        return tuple(
            uri[len("mailto:") :].replace("&", "@")
            for uri in self.uris
            if uri.lower().startswith("mailto:")
        )

    @property
    def email(self) -> str:
        """The first e-mail address (see `emails`); "" when there is none."""
        emails = self.emails
        return emails[0] if emails else ""

    @property
    def addresses(self) -> tuple[str, ...]:
        """How to reach the contact: every e-mail address, then every other URI."""
        others = tuple(uri for uri in self.uris if not uri.lower().startswith("mailto:"))
        return self.emails + others

    @property
    def display_name(self) -> str:
        """Name, else organization, else the id."""
        return self.name or self.organization or self.id

    def to_dict(self) -> dict[str, str | list[str]]:
        """The contact as plain values: id, name, organization, uri, email, updated, and every
        URI and e-mail address (`uris`, `emails`)."""
        return {
            "id": self.id,
            "name": self.name,
            "organization": self.organization,
            "uri": self.uri,
            "email": self.email,
            "updated": self.updated,
            "uris": list(self.uris),
            "emails": list(self.emails),
        }
