#!/ usr / bin / python3
"""A DNS server for tests (issue 19): Debian's python3-dnslib on 127.0.0.1:<port>
(UDP and TCP). It answers A queries from <zone file>, read at every query: one
line per address, "<name> <IPv4>", so a test changes the answers by rewriting
the file. Every other question (AAAA, gRPC's TXT service config) gets an empty
answer at once; a name the file lacks is NXDOMAIN. TTL 0. Prints "ready <port>"
once it listens; stops on SIGTERM.

Usage: test_dns.py <port> <zone file>
"""
import signal
import sys

from dnslib import QTYPE, RCODE, RR, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer


class ZoneFileResolver(BaseResolver):
    def __init__(self, path):
        self.path = path

    def records(self):
        out = {}
        try:
            with open(self.path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 2:
                        out.setdefault(parts[0].rstrip(".").lower(), []).append(parts[1])
        except FileNotFoundError:
            pass
        return out

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        addresses = self.records().get(name)
        if addresses is None:
            reply.header.rcode = RCODE.NXDOMAIN
        elif request.q.qtype == QTYPE.A:
            for address in addresses:
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(address), ttl=0))
        return reply


def main():
    port, zone = int(sys.argv[1]), sys.argv[2]
    resolver = ZoneFileResolver(zone)
    logger = DNSLogger("request,reply,error", prefix=True)
    servers = [DNSServer(resolver, address="127.0.0.1", port=port, tcp=tcp, logger=logger)
               for tcp in (False, True)]
    for server in servers:
        server.start_thread()
    print("ready", port, flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    for server in servers:
        server.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
