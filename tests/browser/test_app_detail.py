"""The browser's detail pane with Pilot: every field, people, links, related records."""

from __future__ import annotations

from app_support import answered, parts, small_registry, wait_until

from tui.app import PortsApp


async def test_detail_pane_shows_every_field_contacts_and_links() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        ftp = registry.by_name("ftp")[0]
        await answered(pilot)
        table.select_record(ftp)
        await wait_until(pilot, lambda: detail.record is ftp)
        text = detail.plain_text
        for label, value in (
            ("Service Name", "ftp"),
            ("Port Number", "21"),
            ("Transport Protocol", "tcp"),
            ("Description", "File Transfer Protocol [Control]"),
            ("Reference", "[RFC959]"),
            ("Port Class", "System (0-1023)"),
        ):
            assert any(label in line and value in line for line in text.splitlines()), label
        assert "Service Code" not in text  # empty fields are left out
        assert "p=<password>" in text and "path=<path>" in text.split("p=<password>")[1]
        assert "Jon Postel" in text and "postel@isi.edu" in text and "2002-04-10" in text
        assert "https://www.rfc-editor.org/rfc/rfc959" in text

        ssh = registry.lookup("22/tcp")[0]
        table.select_record(ssh)
        await wait_until(pilot, lambda: detail.record is ssh)
        text = detail.plain_text
        assert "IETF Chair" in text and "chair@ietf.org" in text
        assert "https://example.org/ssh-notes" in text
        assert "Also: ssh 22/udp" in text and "Also: ssh 22/sctp" in text


async def test_detail_pane_links_aliases_both_ways_and_flags_port_problems() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        await answered(pilot)
        alias, target = registry.by_name("cl/1")[0], registry.by_name("cl-1")[0]
        for shown, other in ((alias, target), (target, alias)):
            table.select_record(shown)
            await wait_until(pilot, lambda shown=shown: detail.record is shown)
            assert f"Alias: {other.label}" in detail.plain_text
        odd = registry.by_name("oddity")[0]
        table.select_record(odd)
        await wait_until(pilot, lambda: detail.record is odd)
        assert "outside 0-65535" in detail.plain_text
        x11 = registry.lookup("6000-6063/tcp")[0]
        table.select_record(x11)
        await wait_until(pilot, lambda: detail.record is x11)
        assert "User (1024-49151)" in detail.plain_text


async def test_choosing_a_related_record_in_the_detail_pane_moves_there() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"ssh")
        await answered(pilot)
        table, detail, _ = parts(app)
        links = detail.query_one("#detail-links")
        index = next(i for i, link in enumerate(detail.links) if link.kind == "record")
        target = detail.links[index].target
        links.focus()
        links.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: detail.record is target)
        assert table.highlighted is target
