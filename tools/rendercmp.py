"""rendercmp.py — what tests/difftest.py, tools/compat and tests/run_print.sh
share: running a renderer under limits, reading its log (the lines the
printing opcodes wrote), and the level and spectrum measures.

Imported by the Python ones (each puts this folder on sys.path first);
run_print.sh runs `rendercmp.py printed LOG`.  needs_numpy() must be called
before anything that uses numpy or soundfile.
"""

import os
import re
import subprocess
import sys

np = None
sf = None


def needs_numpy(prog):
    """Imports numpy and soundfile into this module, re-running the program
    under /usr/bin/python3 when the python3 first in PATH lacks them."""
    global np, sf
    try:
        import numpy
        import soundfile
    except ImportError:
        # A python3 first in PATH (pyenv, a venv) may lack Debian's numpy and
        # soundfile; the system interpreter has them (tools/deps-debian.sh).
        if os.path.exists("/usr/bin/python3") and \
                os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
                not os.environ.get("DIFFTEST_REEXEC"):
            os.environ["DIFFTEST_REEXEC"] = "1"
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.stderr.write("%s: needs numpy and soundfile "
                         "(apt-get install python3-numpy python3-soundfile)\n" % prog)
        sys.exit(2)
    np, sf = numpy, soundfile
    return numpy, soundfile


def _limits(fsize):
    """preexec_fn: a cap on the size of any file the child writes (SIGXFSZ past it)."""
    if fsize is None:
        return None

    def apply():
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return apply


def run(cmd, log_path, cwd, timeout, fsize=None):
    """Runs cmd in cwd, stdin from /dev/null, output to log_path, killed after
    timeout seconds and (fsize) past that many bytes in any file it writes.
    Returns (exit code or "timeout", the whole log, ANSI colours removed)."""
    with open(log_path, "wb") as log:
        try:
            p = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
                               stdin=subprocess.DEVNULL, timeout=timeout,
                               preexec_fn=_limits(fsize))
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
        except OSError as e:
            return "not runnable (%s)" % e.strerror, ""
    with open(log_path, "rb") as log:
        text = log.read().decode("utf-8", "replace")
    return rc, uncolour(text)


def uncolour(text):
    """The text without the ANSI colour codes csound puts in its messages."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def tail(text, n=15):
    return "\n".join(text.rstrip().splitlines()[-n:])


def describe_rc(rc, timeout):
    if rc == "timeout":
        return "timed out after %d s" % timeout
    if isinstance(rc, str):
        return rc
    if rc < 0:
        return "killed by signal %d" % -rc
    if rc >= 128:
        return "crashed (exit %d)" % rc
    return "exit %d" % rc


def orc_ksmps(text):
    """ksmps from the orchestra header (Csound's defaults: sr 44100, kr 4410)."""
    body = re.sub(r";.*", "", text)
    m = re.search(r"^\s*ksmps\s*=\s*(\d+)", body, re.M)
    if m:
        return int(m.group(1))
    sr = re.search(r"^\s*sr\s*=\s*([\d.]+)", body, re.M)
    kr = re.search(r"^\s*kr\s*=\s*([\d.]+)", body, re.M)
    if kr:
        return max(1, int(round(float(sr.group(1) if sr else 44100) / float(kr.group(1)))))
    return 10


def db(x):
    return 10.0 * np.log10(x) if x > 0 else float("-inf")


def third_octave_bands(sr):
    """(low, high) edges of the 1/3-octave bands from 50 Hz to min(20 kHz, 0.45 sr)."""
    top = min(20000.0, 0.45 * sr)
    bands = []
    n = -13                      # 1000 * 2**(-13/3) ≈ 50 Hz
    while True:
        fc = 1000.0 * 2.0 ** (n / 3.0)
        if fc > top:
            break
        bands.append((fc * 2 ** (-1 / 6), fc * 2 ** (1 / 6)))
        n += 1
    return bands


def band_levels(x, sr):
    """Averaged power spectrum (Hann, 50 % overlap, channels summed) per 1/3-octave
    band: a list of (low, high, level in dB, degrees of freedom).

    The degrees of freedom (bins in the band times independent frames) say how
    steady a band's estimate of a random signal is: about 4.3/sqrt(K) dB of
    spread, whatever the FFT size, so short files only judge the high bands."""
    n = x.shape[0]
    nfft = 4096
    while nfft > 256 and n < 8 * nfft:
        nfft //= 2
    hop = nfft // 2
    win = np.hanning(nfft)
    mono = x.sum(axis=1)          # channels are often one signal panned: one estimate
    if mono.shape[0] < nfft:
        mono = np.pad(mono, (0, nfft - mono.shape[0]))
    acc = np.zeros(nfft // 2 + 1)
    count = 0
    for start in range(0, mono.shape[0] - nfft + 1, hop):
        acc += np.abs(np.fft.rfft(mono[start:start + nfft] * win)) ** 2
        count += 1
    acc /= max(count, 1)
    frames = max(1.0, n / nfft)   # independent frames, roughly
    freqs = np.fft.rfftfreq(nfft, 1.0 / sr)
    out = []
    for lo, hi in third_octave_bands(sr):
        sel = (freqs >= lo) & (freqs < hi)
        level = db(acc[sel].sum()) if sel.any() else float("-inf")
        out.append((lo, hi, level, int(sel.sum()) * frames))
    return out


def sdr_db(ref, out):
    """Signal-to-difference ratio over the whole of two equal-shaped signals (dB)."""
    err = float(np.sum((out - ref) ** 2))
    return float("inf") if err == 0 else db(float(np.sum(ref ** 2)) / err)


def level_envelope(x, sr, window=0.05, floor_db=-80.0):
    """RMS level (dB, all channels) of consecutive windows, clipped at floor_db."""
    n = max(1, int(sr * window))
    frames = x.shape[0] // n
    if frames == 0:
        return np.array([max(floor_db, db(float(np.mean(x ** 2))))])
    p = (x[:frames * n] ** 2).reshape(frames, n, -1).mean(axis=(1, 2))
    return np.maximum(floor_db, 10.0 * np.log10(np.maximum(p, 1e-30)))


def correlation(a, b, steady=0.5, near=3.0):
    """Pearson correlation of two equal-length series.  Two steady series
    (spread under `steady`) have no shape to correlate: 1 when their means are
    within `near` of each other, else 0."""
    sa, sb = float(np.std(a)), float(np.std(b))
    if sa < steady or sb < steady:
        if sa < steady and sb < steady:
            return 1.0 if abs(float(np.mean(a)) - float(np.mean(b))) <= near else 0.0
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def csound_cmd(csound, csd, out_wav):
    """Csound rendering csd to out_wav: 32-bit float WAV so nothing is
    quantised; sample-accurate so events start on their exact frame, as they
    do in ondes.  Options on this line override the .csd's CsOptions."""
    return [csound, "-d", "-W", "-f", "--sample-accurate", "-o", out_wav, csd]


def ondes_cmd(ondes, csd, out_wav, extra=()):
    """ondes rendering csd to out_wav as 32-bit float.  ondes is a list (the
    binary, perhaps behind a wrapper such as valgrind)."""
    return list(ondes) + ["--render", out_wav, "--bits", "32f"] + list(extra) + [csd]


# What Csound and ondes write around the printed values: banners, notices,
# performance reports, warnings (csound 6.18 with -d; ondes --render).
NOISE = re.compile(
    r"^\s*(UnifiedCSD:|STARTING FILE|Creating (options|orchestra)|closing tag|Parsing successful|"
    r"Elapsed time|sorting score|\s*\.\.\. done|--Csound version|\[commit:|libsndfile-|"
    r"(graphics|displays) suppressed|sr = .*ksmps =|0dBFS level =|orch now loaded|"
    r"audio buffered in|writing .*(blks|bytes)|SECTION \d+:|new alloc for instr|B +-?[\d.]+ \.\.|"
    r"\s*rtevent:|Score finished|inactive allocs returned|end of score\.|\d+ errors in performance|"
    r"\d+ .*sample blks of|overall samples out of range|Removing temporary file|Csound tidy up|"
    r"WARNING|Using default language|time resolution is|ftable \d+:|deferred alloc|"
    r"rtaudio|virtual_keyboard|Reading options from|\s*number of samples out of range|"
    r"instr \S+ uses instrument number|Clockbase = |time advanced .* by score request|could not find playing instr|seed from score|[mn] Named section|\d+: \S+ position \d+|end of section \d+|swrite: |Warp_factor = |\s+from file |Strsets\[\d+\]:|PSET: |InitError|INIT ERROR|PERF ERROR|"
    r"Seeding from current time|seed from clock|audio sr = \d+, |"
    r"ondes: |peak: |clipped samples: |max voices: |speed: |[^ ]+:\d+: CsOptions: )")


def printed(log, others=False):
    """The values the printing opcodes wrote in a renderer's log, one a line,
    in a form both renderers give alike (tests/run_print.sh's comparison):
      print:   "instr N:  name = v …"          -> "print: v …"   (values only)
      printk:  " i N time T:   v"             -> "printk: T v"  (time and value)
      printk2: " iN " + spaces + [name = ] value -> "printk2: " + the line
      printarray: lines starting with spaces then a value or a row index
               -> "printarray:" + the line (labels: start them with "@")
      prints, printks, printks2, printf, println, printsk, puts: lines
               starting with "@" -> kept whole (run_print's tests start every
               format with "@").
    others: any other line is kept too, unless it is one of the renderers'
    own messages (NOISE): what examples not written for run_print print
    (tools/compat)."""
    out = []
    for line in uncolour(log).splitlines():
        m = re.match(r"^instr -?\d+:(.*)$", line)
        if m:
            vals = [p[p.index(" = ") + 3:] for p in m.group(1).split("  ") if " = " in p]
            out.append(" ".join(["print:"] + vals))
            continue
        m = re.match(r"^ i *-?\d+ time +([^:]*): *(.*)$", line)
        if m:
            out.append("printk: %s %s" % (m.group(1), m.group(2)))
        elif re.match(r"^ i-?\d+ ", line):
            out.append("printk2: " + line)
        elif re.match(r"^ +[-0-9.@]", line):
            out.append("printarray:" + line)
        elif line.startswith("@") or (others and line.strip() and not NOISE.match(line)):
            out.append(line)
    return out


if __name__ == "__main__":
    # rendercmp.py printed LOG: the printed values of a log, one a line (tests/run_print.sh)
    if len(sys.argv) == 3 and sys.argv[1] == "printed":
        with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
            for line in printed(f.read()):
                print(line)
        sys.exit(0)
    sys.stderr.write("usage: rendercmp.py printed LOG\n")
    sys.exit(2)
