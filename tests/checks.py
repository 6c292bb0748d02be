"""checks.py — the Python tests' check(): counts results, says what failed, ends with 'N passed, N failed';
and what several of them share: an offline render of an event list, stopping a process."""
import os
import shutil
import subprocess
import sys
import tempfile

_counts = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("FAIL:", what, flush=True)


def raises(exc, fn, *a, **k):
    """The exception of type exc that fn(*a, **k) raised, or None."""
    try:
        fn(*a, **k)
    except exc as e:
        return e
    return None


def finish():
    """The closing line the harness reads, and the exit status."""
    print("%d passed, %d failed" % (_counts["passed"], _counts["failed"]))
    sys.exit(1 if _counts["failed"] else 0)


def render(events, *extra, sr=48000):
    """Render an event list (stereo, 32-bit float, ksmps 32) with extra options: (samples, report)
    or (None, stderr)."""
    import soundfile as sf
    d = tempfile.mkdtemp()
    try:
        ev = os.path.join(d, "t.events")
        out = os.path.join(d, "t.wav")
        with open(ev, "w") as f:
            f.write(events)
        r = subprocess.run([os.environ.get("ONDES", "./ondes"), "--render", out, "--sr", str(sr), "--ksmps", "32",
                            "--channels", "2", "--bits", "32f", *extra, ev], capture_output=True, text=True)
        if r.returncode != 0:
            return None, r.stderr
        x, got = sf.read(out, dtype="float64", always_2d=True)
        assert got == sr
        return x, r.stdout + r.stderr
    finally:
        shutil.rmtree(d, ignore_errors=True)


def stop(p, timeout=5):
    """End a process politely (SIGTERM: jackd frees its shared memory), by force if it lingers."""
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
