"""Control characters made visible; reference cells turned into links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.registry.references import reference_links
from tui.safe import is_clean, visible


def test_escape_sequences_become_visible() -> None:
    title_change = "\x1b]0;pwned\x07"
    shown = visible(f"a{title_change}b\x1b[2Jc")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "a\u241b]0;pwned\u2407b\u241b[2Jc"


def test_c1_and_bidi_controls_become_visible() -> None:
    shown = visible("x\x9by\u202ez")
    assert shown == "x<U+009B>y<U+202E>z"


def test_newlines_kept_or_folded() -> None:
    assert visible("a\nb", keep_newlines=True) == "a\nb"
    assert visible("a\r\nb") == "a \u23ce b"


@given(st.text())
def test_visible_leaves_nothing_unsafe(text: str) -> None:
    shown = visible(text)
    assert is_clean(shown)
    assert "\n" not in shown


def test_reference_links() -> None:
    links = reference_links("[RFC4960][RFC9260] [draft-ietf-tsvwg-foo-03] [https://example.org/a]")
    assert links == [
        ("RFC4960", "https://www.rfc-editor.org/rfc/rfc4960"),
        ("RFC9260", "https://www.rfc-editor.org/rfc/rfc9260"),
        ("draft-ietf-tsvwg-foo-03", "https://datatracker.ietf.org/doc/draft-ietf-tsvwg-foo-03/"),
        ("https://example.org/a", "https://example.org/a"),
    ]


def test_draft_inside_url_is_not_linked_twice() -> None:
    links = reference_links("[https://datatracker.ietf.org/doc/draft-x-y/]")
    assert links == [
        (
            "https://datatracker.ietf.org/doc/draft-x-y/",
            "https://datatracker.ietf.org/doc/draft-x-y/",
        )
    ]
