"""A round-robin HTTP proxy in a few lines, standing in for the load balancer (127.0.0.1 only).

    .venv/bin/python bench/round_robin.py 8170 127.0.0.1:8171 127.0.0.1:8172

Each request goes to the next server in turn; nothing is sticky, so a session started on one
server must hold on the other. Redirects and cookies pass through untouched.
"""

import contextlib
import http.client
import itertools
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def serve(port: int, backends: list[str]) -> None:
    turn = itertools.cycle(backends)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle(self):
            # A client closing its connection while we read its request is no error here.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def _forward(self):
            with lock:
                backend = next(turn)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream = http.client.HTTPConnection(backend, timeout=60)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
            except OSError:
                self.send_error(502)
                return
            finally:
                upstream.close()
            try:
                self.send_response_only(answer.status, answer.reason)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up (a load generator stopping mid-request): nothing to tell.
                self.close_connection = True

        do_GET = do_POST = do_HEAD = _forward

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2:])
