"""The DNS server used by the tests is the simulator's (simulator/dns.py)."""

from simulator.dns import DnsServer, TestDnsServer

__all__ = ["DnsServer", "TestDnsServer"]
