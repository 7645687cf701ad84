"""Helpers for the serve Python tests (imported, not a test itself): start
feedcard serve on a free loopback port and stop it, always within bounds."""
import os
import re
import signal
import subprocess
import sys
import time

BIN = os.environ["FEEDCARD_BIN"]
SRC = os.environ["FEEDCARD_SRC"]

failures = []


def check(cond, msg):
    """Record a failed expectation; the test goes on, finish() reports."""
    if not cond:
        failures.append(msg)


def finish():
    """Print every failure (or "all ok") and exit 1 when there was one."""
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("all ok")
    sys.exit(1 if failures else 0)


class Server:
    def __init__(self, workdir, args, start_timeout=60):
        self.out_path = os.path.join(workdir, "serve.out")
        self.err_path = os.path.join(workdir, "serve.err")
        self.out = open(self.out_path, "w")
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen([BIN, "serve", "-l", "127.0.0.1:0", *args],
                                     stdout=self.out, stderr=self.err)
        self.port = None
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            m = re.search(r"^feedcard serve: serving .* at http://127\.0\.0\.1:(\d+)/",
                          open(self.out_path).read(), re.M)
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.1)
        if self.port is None:
            self.stop()
            raise RuntimeError("server did not start:\n" + self.stdout() + self.stderr())
        self.base = "http://127.0.0.1:%d" % self.port

    def stdout(self):
        return open(self.out_path).read()

    def stderr(self):
        return open(self.err_path).read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        self.err.close()
        return self.proc.returncode
