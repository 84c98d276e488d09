#!/usr/bin/python3
"""A raw HTTP/2 gRPC client for the SEC-11 tests of the gateway (needs Debian's
python3-h2; run it with /usr/bin/python3). Loopback only, bounded in streams
and time. Two modes:

  hold   opens --streams streams over as few connections as the server's
         MAX_CONCURRENT_STREAMS allows, each with headers only (no request
         message, no half-close, no grpc-timeout), and waits up to --seconds
         for the server to end them. One line per stream:
             stream <grpc-status or -1 if still open> <ms from its headers> <message>
  calls  makes --count unary calls one after the other on one connection, each
         with an empty request message, and prints one line per call:
             call <grpc-status> <ms>

--source binds the client's end to another loopback address (127.0.0.2), so
that the gateway sees a peer apart from the test's own gRPC clients.
"""
import argparse
import select
import socket
import sys
import time
import urllib.parse

import h2.config
import h2.connection
import h2.events
import h2.exceptions


def connect(args):
    host, port = args.target.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=5,
                                    source_address=(args.source, 0) if args.source else None)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    conn = h2.connection.H2Connection(
        config=h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    return sock, conn


def headers(args, token):
    return [(":method", "POST"), (":scheme", "http"), (":path", args.path),
            (":authority", args.target), ("content-type", "application/grpc"),
            ("te", "trailers"), ("authorization", "Bearer " + token)]


class Streams:
    """The outcome of each stream: grpc-status, message, when it ended."""

    def __init__(self):
        self.started = {}   # (connection index, stream id) -> monotonic start
        self.status = {}    # key -> (status, message)
        self.ended = {}     # key -> monotonic end

    def handle(self, index, conn, events):
        for event in events:
            key = (index, getattr(event, "stream_id", None))
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                fields = dict(event.headers)
                if "grpc-status" in fields:
                    self.status[key] = (int(fields["grpc-status"]),
                                        urllib.parse.unquote(fields.get("grpc-message", "")))
            elif isinstance(event, h2.events.DataReceived):
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                self.ended[key] = time.monotonic()
            elif isinstance(event, h2.events.StreamReset):
                self.ended[key] = time.monotonic()
                self.status.setdefault(key, (-2, "reset %d" % event.error_code))


def pump(socks, conns, streams, until, done):
    """Reads and answers frames until `done()` or the monotonic time `until`."""
    while not done() and time.monotonic() < until:
        ready, _, _ = select.select(socks, [], [], max(0.0, min(0.05, until - time.monotonic())))
        for sock in ready:
            index = socks.index(sock)
            data = sock.recv(65536)
            if not data:
                raise SystemExit("connection %d closed by the server" % index)
            streams.handle(index, conns[index], conns[index].receive_data(data))
            out = conns[index].data_to_send()
            if out:
                sock.sendall(out)


def hold(args, tokens):
    socks, conns, streams = [], [], Streams()
    remaining = args.streams
    while remaining > 0:
        sock, conn = connect(args)
        socks.append(sock)
        conns.append(conn)
        index = len(conns) - 1
        # The server's SETTINGS say how many streams this connection may have.
        seen = {"settings": False}
        deadline = time.monotonic() + 5
        while not seen["settings"] and time.monotonic() < deadline:
            data = sock.recv(65536)
            if not data:
                raise SystemExit("connection closed before SETTINGS")
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RemoteSettingsChanged):
                    seen["settings"] = True
            sock.sendall(conn.data_to_send())
        room = min(remaining, conn.remote_settings.max_concurrent_streams or remaining)
        for _ in range(room):
            stream_id = conn.get_next_available_stream_id()
            token = tokens[(args.streams - remaining) % len(tokens)]
            conn.send_headers(stream_id, headers(args, token), end_stream=False)
            streams.started[(index, stream_id)] = time.monotonic()
            remaining -= 1
        sock.sendall(conn.data_to_send())
    pump(socks, conns, streams, time.monotonic() + args.seconds,
         lambda: len(streams.ended) == len(streams.started))
    for key, start in sorted(streams.started.items()):
        status, message = streams.status.get(key, (-1, "still open"))
        end = streams.ended.get(key, time.monotonic())
        print("stream %d %d %s" % (status if key in streams.ended else -1,
                                   int((end - start) * 1000), message.replace("\n", " ")))
    for sock in socks:
        sock.close()


def calls(args, tokens):
    sock, conn = connect(args)
    streams = Streams()
    for i in range(args.count):
        stream_id = conn.get_next_available_stream_id()
        key = (0, stream_id)
        conn.send_headers(stream_id, headers(args, tokens[i % len(tokens)]), end_stream=False)
        conn.send_data(stream_id, b"\x00\x00\x00\x00\x00", end_stream=True)  # an empty message
        streams.started[key] = time.monotonic()
        sock.sendall(conn.data_to_send())
        pump([sock], [conn], streams, time.monotonic() + args.seconds, lambda: key in streams.ended)
        status, _ = streams.status.get(key, (-1, ""))
        end = streams.ended.get(key, time.monotonic())
        print("call %d %d" % (status, int((end - streams.started[key]) * 1000)), flush=True)
    sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["hold", "calls"])
    parser.add_argument("--target", required=True, help="host:port of the gateway")
    parser.add_argument("--source", default="", help="local address to bind, e.g. 127.0.0.2")
    parser.add_argument("--path", required=True, help="/package.Service/Method")
    parser.add_argument("--tokens-file", required=True, help="bearer tokens, one a line")
    parser.add_argument("--streams", type=int, default=10)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10, help="longest wait")
    args = parser.parse_args()
    if not 0 < args.streams <= 2000 or not 0 < args.count <= 5000 or not 0 < args.seconds <= 60:
        sys.exit("bounds: streams 1..2000, count 1..5000, seconds up to 60")
    if not args.target.startswith("127.") or (args.source and not args.source.startswith("127.")):
        sys.exit("loopback only")
    with open(args.tokens_file) as f:
        tokens = [line.strip() for line in f if line.strip()]
    (hold if args.mode == "hold" else calls)(args, tokens)


if __name__ == "__main__":
    main()
