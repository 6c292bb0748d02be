"""livekit.py — what the live tests share: a private dummy jackd, ondes started on a free port,
an OSC client (python3-liblo) that collects replies, and every process stopped at exit.
Importing it ends the test as skipped (exit 77) when python3-liblo or jackd is missing."""
import atexit
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

try:
    import liblo
except ImportError as e:
    print("SKIP: %s (python3-liblo)" % e)
    sys.exit(77)
if not shutil.which("jackd"):
    print("SKIP: jackd not installed (jackd2)")
    sys.exit(77)

from checks import stop  # noqa: E402
import tsankit  # noqa: F401  (a TSan build: its options, ASLR off, any report fails the test)

# raw packets (TCP framing, a chosen source address, time tags to the bit) come from the project's
# own encoder, python/ondes/osc.py, which tests/test_python.py checks byte for byte against liblo
sys.dont_write_bytecode = True     # no __pycache__ in the source tree (make distcheck)
sys.path.insert(0, os.path.join(os.environ.get("srcdir") or os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "python"))
from ondes import osc  # noqa: E402,F401  (for the tests that import it from here)

ONDES = os.environ.get("ONDES", "./ondes")
SR = 48000
tmp = tempfile.mkdtemp(prefix="ondes-live-")
server = "ondes-test-%d" % os.getpid()
env = dict(os.environ, JACK_DEFAULT_SERVER=server, JACK_NO_AUDIO_RESERVATION="1", JACK_NO_START_SERVER="1")
procs = []


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def clean_stale_jack_shm():
    """jackd killed hard leaves its shared-memory registry entries behind, and jack2 refuses
    to start once 8 are taken: with no jackd running at all, they are all stale."""
    if subprocess.run(["pgrep", "-x", "jackd"], capture_output=True).returncode != 0:
        for f in os.listdir("/dev/shm"):
            if f.startswith("jack"):
                shutil.rmtree(os.path.join("/dev/shm", f), ignore_errors=True) if os.path.isdir(
                    os.path.join("/dev/shm", f)) else os.unlink(os.path.join("/dev/shm", f))


def start_jack(period=256):
    clean_stale_jack_shm()
    j = subprocess.Popen(["jackd", "-n", server, "--no-realtime", "-d", "dummy", "-r", str(SR), "-p", str(period)],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(j)
    deadline = time.time() + 15
    while time.time() < deadline:   # ready once jack_lsp lists its ports
        r = subprocess.run(["jack_lsp"], env=env, capture_output=True)
        if r.returncode == 0 and b"system:playback" in r.stdout:
            return j
        time.sleep(0.1)
    return j


RTCHECK = os.environ.get("RTCHECK", "")


def start_ondes(port, *extra, rtcheck=False, connect=False, cwd=None):
    log = open(os.path.join(tmp, "ondes-%d.log" % port), "w")
    e = dict(env, LD_PRELOAD=RTCHECK) if rtcheck and RTCHECK else env
    exe = os.path.abspath(ONDES) if cwd and os.sep in ONDES else ONDES   # a relative path from another folder
    args = [exe, "--port", str(port), *extra] if connect else [exe, "--no-connect", "--port", str(port), *extra]
    p = subprocess.Popen(args, env=e, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
    procs.append(p)
    return p, log.name


class Syncing:
    """ready() for a client with send() and wait_for(): ondes answers /sync."""

    def ready(self, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            self.send("/sync", 9999)
            if self.wait_for("/synced", 0.2, lambda a: a[0] == 9999) is not None:
                return True
        return False


class Client(Syncing):
    """A liblo server on a free port: sends to ondes, collects what comes back."""

    def __init__(self, port):
        self.srv = liblo.Server()
        # a socket that holds thousands of replies: the kernel's default (~200 kB) drops them
        # while a test is busy sending, and a lost /synced would look like ondes' fault
        s = socket.socket(fileno=self.srv.fileno())
        try:
            s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 8 << 20)   # past rmem_max (root)
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        s.detach()
        self.target = liblo.Address("127.0.0.1", port)
        self.got = []
        self.srv.add_method(None, None, lambda path, args: self.got.append((path, args)))

    def send(self, path, *args):
        self.srv.send(self.target, path, *args)

    def send_raw(self, data):
        """Bytes as one datagram from this client's socket (replies come back here)."""
        s = socket.socket(fileno=self.srv.fileno())
        s.sendto(data, ("127.0.0.1", self.target.port))
        s.detach()

    def wait_for(self, path, timeout=3.0, pred=lambda a: True):
        end = time.time() + timeout
        while time.time() < end:
            for i, (p, a) in enumerate(self.got):
                if p == path and pred(a):
                    return self.got.pop(i)[1]
            if self.srv.recv(20):   # then everything already waiting, before scanning again
                while self.srv.recv(0):
                    pass
        return None



def status(c):
    """A client's /status.reply (None when none came within 3 s)."""
    c.send("/status")
    return c.wait_for("/status.reply", 3.0)


def fails(c, pred=lambda a: True):
    """The /fail replies a client has collected that match pred, taken out of c.got."""
    got = [a for p, a in c.got if p == "/fail" and pred(a)]
    c.got = [(p, a) for p, a in c.got if not (p == "/fail" and pred(a))]
    return got


def under_sanitizer(pid):
    """ondes runs under ASan or TSan: slower, and its allocator keeps freed memory (RSS says nothing)."""
    with open("/proc/%d/maps" % pid) as f:
        return tsankit.ACTIVE or any(re.search(r"/lib[at]san[.0-9]*so", line) for line in f)


def kill_jacks():
    """Stop our jackd (a clean stop frees its shared memory)."""
    for p in procs:
        if p.args[0] == "jackd":
            stop(p)


@atexit.register
def _cleanup():
    for p in procs:
        stop(p)
    shutil.rmtree(tmp, ignore_errors=True)
