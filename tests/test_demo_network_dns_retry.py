"""A port taken on one family makes the DNS server retry, never hang."""
import socket

import pytest

from simulator.dns import DnsServer


@pytest.mark.timeout(30)
def test_a_bind_failure_retries_on_another_port(monkeypatch):
    server = DnsServer({}, ipv6=True)
    real_bind = server._bind
    calls = {"n": 0}

    def flaky(families):
        calls["n"] += 1
        if calls["n"] == 1:
            # the IPv4 sockets bind, then the IPv6 one finds its port taken
            server._servers.append(server._make_server(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0)))
            raise OSError(98, "Address already in use")
        return real_bind(families)

    monkeypatch.setattr(server, "_bind", flaky)
    server.start()
    try:
        assert calls["n"] == 2 and server.port
    finally:
        server.stop()
