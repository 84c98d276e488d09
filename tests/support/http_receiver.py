#!/ usr / bin / python3
"""A tiny HTTP receiver for tests (CAT-08's engagement system): http.server on
127.0.0.1:<port>. Every request is answered as <folder>/mode says, read per
request: "200" (the default), another status such as "503" or "400", a
status after a pause such as "200 after 20" (milliseconds: a slow receiver,
so a sender killed mid-request is likely), or "hang" (no answer for 60 s). Every request is recorded, in arrival order, as
<folder>/<n>.req (written atomically), one "name value" per line: answered,
method, path, idempotency_key, content_type, body, then json.<key> <value>
for each top-level key of a JSON object body. Prints "ready <port>" once it
listens; stops on SIGTERM.

Usage: http_receiver.py <port> <folder>
"""
import http.server
import json
import os
import signal
import sys
import threading
import time


class Recorder:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    def mode(self):
        try:
            with open(os.path.join(self.folder, "mode")) as f:
                return f.read().strip() or "200"
        except FileNotFoundError:
            return "200"

    def record(self, lines):
        with self.lock:
            self.count += 1
            path = os.path.join(self.folder, "%06d.req" % self.count)
        with open(path + ".tmp", "w") as f:
            f.write("\n".join(lines) + "\n")
        os.rename(path + ".tmp", path)


def one_line(value):
    return str(value).replace("\n", " ").replace("\r", " ")


def make_handler(recorder):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            sys.stdout.write("%s\n" % (fmt % args))
            sys.stdout.flush()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            mode = recorder.mode()
            lines = [
                "answered " + mode.split()[0],
                "method POST",
                "path " + one_line(self.path),
                "idempotency_key " + one_line(self.headers.get("Idempotency-Key", "")),
                "content_type " + one_line(self.headers.get("Content-Type", "")),
                "body " + one_line(body),
            ]
            try:
                parsed = json.loads(body)
                if isinstance(parsed, dict):
                    for key, value in parsed.items():
                        lines.append("json.%s %s" % (key, one_line(value)))
            except ValueError:
                pass
            recorder.record(lines)
            if mode == "hang":
                time.sleep(60)
                return
            parts = mode.split()
            if len(parts) == 3 and parts[1] == "after":
                time.sleep(int(parts[2]) / 1000.0)
            status = int(parts[0])
            answer = b"" if status < 300 else ("refused: mode %s" % mode).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    return Handler


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(Recorder(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", port, flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    server.shutdown()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
