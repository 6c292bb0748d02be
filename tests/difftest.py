#!/usr/bin/env python3
"""difftest.py — renders a .csd with Csound and with ondes and compares them.

Usage: difftest.py FILE.csd [--ondes PATH] [--csound PATH] [--keep DIR]

The tolerance is stated in the .csd itself, on comment lines:

    ; difftest: sdr 60                    signal-to-difference ratio (dB, whole
                                          file, all channels) must be >= 60
    ; difftest: noise level 1 spectrum 3  random signals: RMS level within 1 dB,
                                          averaged 1/3-octave spectrum within 3 dB
    ; difftest: length exact              same number of frames (default: within
                                          one ksmps block; the common part is compared)

Prints one line, `PASS name ...` or `FAIL name ...`, and exits 0 or 1
(2 for a usage error).  Details of a failure follow on stderr.
"""

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import rendercmp                                   # noqa: E402  (shared with tools/compat)
from rendercmp import orc_ksmps, db, band_levels   # noqa: E402

np, sf = rendercmp.needs_numpy("difftest.py")

RENDER_TIMEOUT = 300      # seconds, per renderer
SILENT_DBFS = -80.0       # a reference quieter than this proves nothing
FIRSTDIFF_THRESHOLD = 1e-3
MIN_BAND_DOF = 128        # a band's spectrum estimate must be this steady to be judged


class Fail(Exception):
    """A failed comparison; the message is the reason shown on the FAIL line."""


class Tolerance:
    def __init__(self):
        self.mode = None          # "sdr" or "noise"
        self.sdr = None
        self.level_db = 1.0
        self.spectrum_db = 3.0
        self.length_exact = False


def parse_tolerance(text):
    """Reads every `; difftest: ...` line.  Raises Fail on a missing or bad one."""
    tol = Tolerance()
    seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*;+\s*difftest\s*:(.*)$", line)
        if not m:
            continue
        seen = True
        words = m.group(1).split()
        i = 0
        try:
            while i < len(words):
                w = words[i].lower()
                if w == "sdr":
                    if tol.mode == "noise":
                        raise Fail("line %d: 'sdr' and 'noise' exclude each other" % lineno)
                    tol.mode = "sdr"
                    tol.sdr = float(words[i + 1])
                    i += 2
                elif w == "noise":
                    if tol.mode == "sdr":
                        raise Fail("line %d: 'sdr' and 'noise' exclude each other" % lineno)
                    tol.mode = "noise"
                    i += 1
                elif w == "level" and tol.mode == "noise":
                    tol.level_db = float(words[i + 1])
                    i += 2
                elif w == "spectrum" and tol.mode == "noise":
                    tol.spectrum_db = float(words[i + 1])
                    i += 2
                elif w == "length" and i + 1 < len(words) and words[i + 1].lower() == "exact":
                    tol.length_exact = True
                    i += 2
                else:
                    raise Fail("line %d: bad difftest directive near %r" % (lineno, words[i]))
        except (IndexError, ValueError):
            raise Fail("line %d: bad difftest directive %r" % (lineno, m.group(1).strip()))
    if not seen:
        raise Fail("no '; difftest:' line (a test must state its tolerance)")
    if tol.mode is None:
        raise Fail("difftest lines give no 'sdr N' nor 'noise ...' tolerance")
    return tol


def run(cmd, log_path, cwd):
    """Runs cmd in cwd, output to log_path. Returns (exit code, tail of the log)."""
    rc, text = rendercmp.run(cmd, log_path, cwd, RENDER_TIMEOUT)
    return rc, rendercmp.tail(text)


def describe_rc(rc):
    return rendercmp.describe_rc(rc, RENDER_TIMEOUT)


def compare(ref, out, sr, ksmps, tol):
    """Returns the PASS line's figures; raises Fail with the reason otherwise."""
    if ref.shape[1] != out.shape[1]:
        raise Fail("channels: ondes %d, csound %d" % (out.shape[1], ref.shape[1]))
    nref, nout = ref.shape[0], out.shape[0]
    if tol.length_exact and nref != nout:
        raise Fail("length: ondes %d frames, csound %d (length exact)" % (nout, nref))
    if abs(nref - nout) > ksmps:
        raise Fail("length: ondes %d frames, csound %d (more than one ksmps=%d block apart)"
                   % (nout, nref, ksmps))
    n = min(nref, nout)
    ref, out = ref[:n], out[:n]

    ref_rms_db = db(np.mean(ref ** 2)) if n else float("-inf")
    if ref_rms_db < SILENT_DBFS:
        raise Fail("reference is silent (RMS %.1f dBFS)" % ref_rms_db)

    if tol.mode == "sdr":
        diff = out - ref
        err = float(np.sum(diff ** 2))
        sdr = float("inf") if err == 0 else db(float(np.sum(ref ** 2)) / err)
        absd = np.abs(diff).max(axis=1)
        maxdiff = float(absd.max())
        over = np.nonzero(absd > FIRSTDIFF_THRESHOLD)[0]
        first = ("frame %d (%.4f s)" % (over[0], over[0] / sr)) if over.size else "none"
        figures = "sdr=%.1fdB maxdiff=%.3g firstdiff=%s" % (sdr, maxdiff, first)
        if not sdr >= tol.sdr:
            raise Fail("%s (need sdr >= %g dB)" % (figures, tol.sdr))
        return figures

    # noise: statistics only, since the samples of two generators differ.
    out_rms_db = db(np.mean(out ** 2))
    dlevel = abs(out_rms_db - ref_rms_db)
    rb, ob = band_levels(ref, sr), band_levels(out, sr)
    floor = max(b[2] for b in rb) - 60.0      # bands this far down are noise floor
    worst, worst_band, nbands = 0.0, None, 0
    for (lo, hi, r, dof), (_, _, o, _) in zip(rb, ob):
        if dof < MIN_BAND_DOF or (r < floor and o < floor):
            continue
        nbands += 1
        d = abs(o - r) if np.isfinite(o) and np.isfinite(r) else float("inf")
        if d > worst:
            worst, worst_band = d, (lo, hi, r, o)
    figures = "level=%.2fdB(ref %.1f dBFS) spectrum=%.2fdB(%d bands)" % (
        dlevel, ref_rms_db, worst, nbands)
    reasons = []
    if nbands == 0:
        reasons.append("too short for a spectrum: no band has %d degrees of freedom"
                       % MIN_BAND_DOF)
    if not dlevel <= tol.level_db:
        reasons.append("level differs by %.2f dB (need <= %g)" % (dlevel, tol.level_db))
    if not worst <= tol.spectrum_db:
        lo, hi, r, o = worst_band
        reasons.append("band %.0f-%.0f Hz: ondes %.1f dB, csound %.1f dB (need within %g)"
                       % (lo, hi, o, r, tol.spectrum_db))
    if reasons:
        raise Fail("%s: %s" % (figures, "; ".join(reasons)))
    return figures


def main():
    ap = argparse.ArgumentParser(description="Compare ondes with Csound on one .csd.")
    ap.add_argument("csd")
    ap.add_argument("--ondes", default=os.environ.get("ONDES", "./ondes"),
                    help="the ondes binary (may carry a wrapper, e.g. 'valgrind -q ./ondes')")
    ap.add_argument("--csound", default=os.environ.get("CSOUND", "csound"))
    ap.add_argument("--keep", metavar="DIR", help="keep ref.wav, out.wav and the logs in DIR")
    args = ap.parse_args()

    name = os.path.splitext(os.path.basename(args.csd))[0]
    try:
        with open(args.csd, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print("FAIL %s cannot read %s: %s" % (name, args.csd, e.strerror))
        return 1

    if args.keep:
        work = os.path.abspath(args.keep)
        os.makedirs(work, exist_ok=True)
    else:
        work = tempfile.mkdtemp(prefix="difftest-%s-" % name)
    ref_wav = os.path.join(work, "ref.wav")
    out_wav = os.path.join(work, "out.wav")
    for p in (ref_wav, out_wav):
        if os.path.exists(p):
            os.unlink(p)
    detail = ""
    try:
        tol = parse_tolerance(text)
        csd = os.path.abspath(args.csd)
        # Both run in the .csd's folder, so relative paths in it (GEN 1's
        # sound files) mean the same to both wherever the test is run from.
        cwd = os.path.dirname(csd)
        ondes = shlex.split(args.ondes)
        ondes = [os.path.abspath(w) if "/" in w and os.path.exists(w) else w for w in ondes]

        # Csound: 32-bit float so nothing is quantised; sample-accurate so
        # events start on their exact frame, as they do in ondes.
        rc, tail = run(rendercmp.csound_cmd(args.csound, csd, ref_wav),
                       os.path.join(work, "csound.log"), cwd)
        if rc != 0 or not os.path.exists(ref_wav):
            detail = tail
            raise Fail("csound failed (%s)" % describe_rc(rc))

        rc, tail = run(rendercmp.ondes_cmd(ondes, csd, out_wav),
                       os.path.join(work, "ondes.log"), cwd)
        if rc != 0 or not os.path.exists(out_wav):
            detail = tail
            raise Fail("ondes failed (%s)" % describe_rc(rc))

        ref, rsr = sf.read(ref_wav, dtype="float64", always_2d=True)
        out, osr = sf.read(out_wav, dtype="float64", always_2d=True)
        if rsr != osr:
            raise Fail("sample rate: ondes %d, csound %d" % (osr, rsr))
        figures = compare(ref, out, rsr, orc_ksmps(text), tol)
        print("PASS %s %s" % (name, figures))
        return 0
    except Fail as e:
        print("FAIL %s %s" % (name, e))
        if detail:
            sys.stderr.write("".join("    | %s\n" % l for l in detail.splitlines()))
        return 1
    finally:
        sys.stdout.flush()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
