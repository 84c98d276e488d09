#!/usr/bin/python3
"""A real SMTP server for tests (CON-13): aiosmtpd on 127.0.0.1:<port>, no TLS,
no AUTH. Every message it accepts is written to <folder> twice, atomically:
<n>.eml (the bytes as received, with the envelope sender in an X-Envelope-From
line on top) and <n>.json (envelope, decoded From/To/Subject, the decoded text
body, and the raw header lines). Prints "ready <port>" once it listens; stops
on SIGTERM.

Usage: smtp_sink.py <port> <folder>
"""
import email
import email.policy
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    def _write(self, name, data):
        path = os.path.join(self.folder, name)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.rename(path + ".tmp", path)

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        with self.lock:
            self.count += 1
            n = "%06d" % self.count
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        decoded = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "from": str(msg["from"] or ""),
            "to": str(msg["to"] or ""),
            "subject": str(msg["subject"] or ""),
            "message_id": str(msg["message-id"] or ""),
            "body": body.get_content() if body is not None else "",
            "headers": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
        }
        self._write(n + ".eml", b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n" + raw)
        self._write(n + ".json", json.dumps(decoded).encode())
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", port, flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
