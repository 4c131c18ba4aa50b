"""twofold serve: a taken port is refused before any address is printed."""

from __future__ import annotations

import socket

from click.testing import CliRunner

from twofold.cli.main import cli


def test_it_refuses_a_port_that_is_taken_before_printing_an_address(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"--port: 127.0.0.1:{port} is not free" in result.stderr
    assert "Open Twofold" not in result.stdout
