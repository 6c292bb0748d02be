"""tsankit.py — when ONDES is a ThreadSanitizer build: TSan's options for every ondes the test
starts, ASLR off where the runtime needs it, and any TSan report fails the test at exit."""
import atexit
import os
import platform
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUPP = os.path.join(HERE, "tsan.supp")


def _is_tsan(path):
    """The binary carries TSan's runtime entry (gcc links libtsan, clang links it in)."""
    try:
        with open(path, "rb") as f:
            return b"__tsan_init" in f.read()
    except OSError:
        return False


ACTIVE = _is_tsan(os.environ.get("ONDES", "./ondes"))


def _aslr_off():
    """gcc 12's TSan runtime dies with "unexpected memory mapping" on kernels that randomise
    mmap with more bits than its memory layout allows (vm.mmap_rnd_bits = 32).  Re-run this
    test under `setarch -R` (ASLR off, inherited by every process it starts) when the
    kernel lets us; where it does not (some container seccomp profiles), go on as is."""
    try:
        with open("/proc/self/personality") as f:
            if int(f.read(), 16) & 0x0040000:       # ADDR_NO_RANDOMIZE already set
                return
    except (OSError, ValueError):
        return
    if os.environ.get("ONDES_TSAN_REEXEC") or not shutil.which("setarch") or not os.path.isfile(sys.argv[0]):
        return      # (not a script, e.g. python3 -c: nothing to re-run)
    arch = platform.machine()
    if subprocess.run(["setarch", arch, "-R", "true"], capture_output=True).returncode != 0:
        return
    os.environ["ONDES_TSAN_REEXEC"] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp("setarch", ["setarch", arch, "-R", sys.executable] + sys.argv)


def _reports(logdir):
    out = []
    for name in sorted(os.listdir(logdir)):
        path = os.path.join(logdir, name)
        with open(path, errors="replace") as f:
            text = f.read()
        if "ThreadSanitizer" in text:
            out.append((name, text))
    return out


if ACTIVE:
    _aslr_off()
    # tools/tsan-check.sh names a folder to keep the logs; else a temporary one
    LOGDIR = os.environ.get("ONDES_TSAN_LOGS") or tempfile.mkdtemp(prefix="ondes-tsan-")
    os.makedirs(LOGDIR, exist_ok=True)
    # every report, not only the first; one log file per process (tsan.PID);
    # the user's own TSAN_OPTIONS come last and win
    os.environ["TSAN_OPTIONS"] = ("halt_on_error=0 exitcode=66 second_deadlock_stack=1 log_path=%s/tsan "
                                  "suppressions=%s %s" % (LOGDIR, SUPP, os.environ.get("TSAN_OPTIONS", ""))).strip()

    @atexit.register
    def _check():
        """Registered before the harness's own cleanup, so it runs after every ondes
        the test started has been stopped and has written its log."""
        found = _reports(LOGDIR)
        for name, text in found:
            print("FAIL: ThreadSanitizer report (%s):\n%s" % (name, text), flush=True)
        if not os.environ.get("ONDES_TSAN_LOGS"):
            shutil.rmtree(LOGDIR, ignore_errors=True)
        if found:
            print("%d ThreadSanitizer report file(s): the test fails" % len(found), flush=True)
            sys.stderr.flush()
            os._exit(1)
