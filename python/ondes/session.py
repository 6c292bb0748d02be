"""session.py — the csoundengine-style API: instruments, events, tables.

OfflineSession builds an ondes event list and renders it with `ondes --render`;
Session sends the same commands live over OSC/UDP to a running ondes.
"""
import atexit
import contextlib
import math
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import wave

from . import osc
from .instr import Instr, _num, _value, _find_params  # noqa: F401  (_find_params: doc/osc.md)

__all__ = ["Session", "OfflineSession", "Event", "Instr", "Table",
           "OndesError", "CompileError", "RenderError", "find_ondes"]


class OndesError(Exception):
    """An error reported by ondes itself (its message is the exception's text)."""


class CompileError(OndesError):
    """ondes could not compile an instrument; the message carries line:col."""


class RenderError(OndesError):
    """`ondes --render` failed; the message is ondes' own stderr text."""

    def __init__(self, message, stderr="", returncode=None):
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode


def find_ondes():
    """The ondes binary: $ONDES, else the build tree's ondes (../../ondes from this
    package), else `ondes` on the PATH."""
    env = os.environ.get("ONDES")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    cand = os.path.normpath(os.path.join(here, "..", "..", "ondes"))
    if os.path.isfile(cand) and os.access(cand, os.X_OK):
        return cand
    p = shutil.which("ondes")
    if p:
        return p
    raise FileNotFoundError("the ondes binary was not found: set ONDES, build it, or put it on the PATH")


_MODE_RE = re.compile(r"^(linear|cos|smooth|expon\(\s*-?\d+(\.\d*)?([eE][-+]?\d+)?\s*\))$")
class Table:
    """A table in ondes' table space: its number and what is known about it."""

    def __init__(self, tabnum, size=0, sr=0, nchnls=1, path=None, data=None):
        self.tabnum = tabnum
        self.size = size
        self.sr = sr
        self.nchnls = nchnls
        self.path = path
        self.data = data

    @property
    def duration(self):
        if self.sr and self.size:
            return self.size / self.nchnls / self.sr if self.path else self.size / self.sr
        return 0.0

    def __int__(self):
        return self.tabnum

    def __repr__(self):
        return "Table(%d, size=%d, sr=%g, path=%r)" % (self.tabnum, self.size, self.sr, self.path)


class Event:
    """A scheduled event: change it with set/automate, end it with stop/kill."""

    def __init__(self, session, eventid, instr, start, dur):
        self.session = session
        self.id = eventid
        self.instr = instr
        self.start = start
        self.dur = dur

    @property
    def instrname(self):
        return self.instr.name if isinstance(self.instr, Instr) else self.instr

    def set(self, param="", value=0.0, delay=0, **params):
        """Change parameters `delay` seconds from now: set('kfreq', 800, delay=2)
        or set(kfreq=800, kamp=0.1) (names or pN), as csoundengine's."""
        if param:
            params[param] = value
        if not params:
            return
        if isinstance(self.instr, Instr):
            self.instr.check(params, dynamic=True)
        args = [self.id]
        for k, v in params.items():
            args += [k, _num(v)]
        self.session._command("/set", args, delay, self)

    def automate(self, param, pairs, mode="linear", delay=0, overtake=False):
        """Breakpoints (t0, v0, t1, v1, …) for a parameter, times from now + delay.
        mode: 'linear', 'cos', 'smooth' or 'expon(x)'; overtake: start from the
        parameter's current value instead of v0."""
        if isinstance(self.instr, Instr):
            self.instr.check([param], dynamic=True)
        flat = []
        for p in pairs:
            if isinstance(p, (tuple, list)):
                flat += list(p)
            else:
                flat.append(p)
        if len(flat) < 2 or len(flat) % 2:
            raise ValueError("automate: pairs must be (t0, v0, t1, v1, …), got %d values" % len(flat))
        times = flat[0::2]
        if any(b < a for a, b in zip(times, times[1:])) or times[0] < 0:
            raise ValueError("automate: breakpoint times must be >= 0 and increasing: %r" % (times,))
        if not _MODE_RE.match(mode):
            raise ValueError("automate: mode must be linear, cos, smooth or expon(x), got %r" % (mode,))
        args = [self.id, param] + [_num(x) for x in flat] + [mode]
        if overtake:
            args.append("overtake")
        self.session._command("/automate", args, delay, self)

    def stop(self, delay=0):
        """Release the event (its release segments run), then free it."""
        self.session._command("/stop", [self.id], delay, self)

    def kill(self, delay=0):
        """Free the event at once."""
        self.session._command("/kill", [self.id], delay, self)

    def __repr__(self):
        return "Event(id=%d, instr=%r, start=%g, dur=%g)" % (self.id, self.instrname, self.start, self.dur)


def _split_args(pfields, args, params):
    """csoundengine's sched(…, *pfields, args=…, **kws): args is a list of p-field
    values from p5 (instead of positional ones) or a dict of named values (names,
    'pN' or p-field numbers); keywords win over the dict."""
    if args is None:
        return pfields, params
    if isinstance(args, dict):
        named = {("p%d" % k if isinstance(k, int) else k): v for k, v in args.items()}
        named.update(params)
        return pfields, named
    if isinstance(args, (str, bytes)):
        raise TypeError("sched: args must be a list of p-field values or a dict of named ones, got %r" % (args,))
    args = list(args)
    if pfields and args:
        raise ValueError("sched: give p-fields either as positional arguments or as args=[…], not both")
    return tuple(args), params


def _soundfile_info(path):
    """(frames, sr, nchnls) of a WAV file via the wave module, or None."""
    try:
        with wave.open(path, "rb") as w:
            return w.getnframes(), w.getframerate(), w.getnchannels()
    except Exception:
        pass
    try:
        import soundfile
        i = soundfile.info(path)
        return i.frames, i.samplerate, i.channels
    except Exception:
        return None


class _Base:
    """What Session and OfflineSession share: instruments, ids, argument checking."""

    def __init__(self):
        self.instrs = {}
        self.tables = {}
        self._nextid = 1
        self._nexttab = 1
        self._idlock = threading.Lock()

    # --- instruments -------------------------------------------------------
    def defInstr(self, name, body, args=None, **kws):
        """Define an instrument.  Its parameters are the body's `kNAME = pN`,
        `iNAME = pN` and `kNAME init pN` statements and csoundengine's header
        `|kfreq=440, kamp=0.1, ibus|` (or `{…}`); `args` gives defaults and adds
        parameters (doc/python.md, "Named parameters")."""
        return self.registerInstr(Instr(name, body, args))

    def registerInstr(self, instr):
        """Define an Instr made elsewhere (Instr(name, body, args).register(s))."""
        self._defineInstr(instr)
        self.instrs[instr.name] = instr
        return instr

    def getInstr(self, name):
        return self.instrs.get(name)

    def _newid(self):
        with self._idlock:
            i = self._nextid
            self._nextid += 1
            return i

    def _newtab(self, tabnum=0):
        if tabnum:
            self._nexttab = max(self._nexttab, int(tabnum) + 1)
            return int(tabnum)
        while self._nexttab in self.tables:
            self._nexttab += 1
        t = self._nexttab
        self._nexttab += 1
        return t

    def _schedargs(self, instr, pfields, params):
        """The /sched arguments after id, instrument, delay, dur: positional p-fields
        then name value pairs.  Validates names before anything is sent."""
        if isinstance(instr, Instr):
            return instr.schedArgs(pfields, params)
        # an instrument ondes knows (library) but this session did not define
        args = [_value(v) for v in pfields]
        for k, v in params.items():
            args += [k, _num(v)]
        return args

    def _resolve(self, instr):
        if isinstance(instr, Instr):
            return instr
        if isinstance(instr, str):
            return self.instrs.get(instr, instr)
        if isinstance(instr, int):
            return instr
        raise TypeError("instrument must be a name, a number or an Instr, got %r" % (instr,))

    def sched(self, instr, delay=0, dur=-1, *pfields, args=None, **params):
        """Start an event of `instr` `delay` seconds from now lasting `dur` (-1: until
        stopped), with p-fields by position (from p5, as in csoundengine) given as
        further arguments or as a list `args=[…]`, and/or named parameters given
        as keywords or as a dict `args={…}` (keywords win).  Parameters not given
        take their defaults.  Returns an Event."""
        pfields, params = _split_args(pfields, args, params)
        ins = self._resolve(instr)
        args = self._schedargs(ins, pfields, params)
        delay = _num(delay)
        dur = _num(dur)
        if delay < 0:
            raise ValueError("sched: delay must be >= 0, got %r" % delay)
        name = ins.name if isinstance(ins, Instr) else ins
        ev = Event(self, self._newid(), ins, 0, dur)
        self._sched(ev, name, delay, dur, args)
        return ev

    def playSample(self, source, delay=0, dur=0, speed=1, gain=1, pan=0.5, chan=1):
        """Play a sound file or table with the library's 'sampler' instrument
        (stereo, panned).  dur 0: the whole sample at the given speed."""
        table = source if isinstance(source, Table) else self.readSoundfile(source)
        if not dur or dur <= 0:
            d = table.duration
            if not d:
                raise ValueError("playSample: the duration of table %d is unknown; give dur" % table.tabnum)
            dur = d / abs(speed) if speed else d
        return self.sched("sampler", delay, dur, table.tabnum, speed, gain, pan)

    def _tablegen_args(self, data, size, tabnum):
        if data is not None:
            vals = [_num(v) for v in data]
            if not vals:
                raise ValueError("makeTable: empty data")
            t = Table(self._newtab(tabnum), size=len(vals), data=list(vals))
            return t, [t.tabnum, 0, -2] + vals
        if size <= 0:
            raise ValueError("makeTable: give data or a size > 0")
        t = Table(self._newtab(tabnum), size=int(size), data=[0.0] * int(size))
        return t, [t.tabnum, int(size), -2, 0]

    def _makeTableArgs(self, data=None, size=0, tabnum=0, sr=0):
        if data is not None and not hasattr(data, "__len__") and isinstance(data, (int, float)):
            data, size = None, int(data)
        t, args = self._tablegen_args(data, size, tabnum)
        t.sr = sr
        self.tables[t.tabnum] = t
        return t, args

    def _readSoundfileArgs(self, path, chan=0, tabnum=0):
        path = os.path.abspath(path)
        info = _soundfile_info(path)
        t = Table(self._newtab(tabnum), path=path)
        if info:
            frames, sr, nch = info
            t.sr, t.nchnls = sr, (1 if chan else nch)
            t.size = frames * t.nchnls
        args = [t.tabnum, path] + ([int(chan)] if chan else [])
        self.tables[t.tabnum] = t
        return t, args


def _fmt(v):
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    f = float(v)
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return repr(f)


def _udp_port_free(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _free_udp_port(host="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


class OfflineSession(_Base):
    """Builds an ondes event list; render() runs `ondes --render` on it.
    Times count from the start of the render (time 0)."""

    def __init__(self, sr=44100, nchnls=2, ksmps=64, a4=440, dbfs=1.0, **kws):
        super().__init__()
        self.sr = sr
        self.nchnls = nchnls
        self.ksmps = ksmps
        self.a4 = a4
        self.dbfs = dbfs
        self._lines = []      # (time, seq, text)
        self._seq = 0

    def _add(self, t, address, args):
        self._lines.append((float(t), self._seq, "%s %s%s" % (
            _fmt(t), address, "".join(" " + _fmt(a) for a in args))))
        self._seq += 1

    def _defineInstr(self, instr):
        self._add(0, "/instr/def", [instr.name, instr.body])

    def _sched(self, ev, name, delay, dur, args):
        ev.start = delay
        self._add(delay, "/sched", [ev.id, name, 0, dur] + args)

    def _command(self, address, args, delay, event=None):
        t = _num(delay)
        if t < 0:
            raise ValueError("%s: delay must be >= 0, got %r" % (address, delay))
        if event is not None and t < event.start:
            t = event.start       # the event does not exist before it starts
        self._add(t, address, args)

    def chnset(self, name, value, delay=0):
        """Set a control channel (chnget in instruments)."""
        self._add(_num(delay), "/chn/set", [name, _num(value)])

    def makeTable(self, data=None, size=0, tabnum=0, sr=0, delay=0, **kws):
        """A table from a sequence of values (or `size` zeros).  Returns a Table
        whose .data holds the values."""
        t, args = self._makeTableArgs(data, size, tabnum, sr)
        self._add(_num(delay), "/table/gen", args)
        return t

    def readSoundfile(self, path, chan=0, tabnum=0, delay=0, **kws):
        """A sound file read into a table (GEN 1)."""
        t, args = self._readSoundfileArgs(path, chan, tabnum)
        self._add(_num(delay), "/table/read", args)
        return t

    def eventList(self):
        """The event list text, /config first, then every command in time order."""
        head = "0 /config sr %s ksmps %d nchnls %d 0dbfs %s A4 %s\n" % (
            _fmt(self.sr), self.ksmps, self.nchnls, _fmt(self.dbfs), _fmt(self.a4))
        body = "".join(text + "\n" for _, _, text in sorted(self._lines))
        return head + body

    def writeEvents(self, path):
        with open(path, "w") as f:
            f.write(self.eventList())
        return path

    def render(self, outfile, endtime=None, bits="32f", ondes=None, extra=(), verbose=False):
        """Render to `outfile` (a WAV file) with `ondes --render`.  Raises RenderError
        with ondes' own message on failure.  Returns the path."""
        exe = ondes or find_ondes()
        d = tempfile.mkdtemp(prefix="ondes-")
        try:
            ev = self.writeEvents(os.path.join(d, "session.events"))
            cmd = [exe, "--render", outfile, "--bits", str(bits)]
            if endtime is not None:
                cmd += ["--duration", _fmt(endtime)]
            cmd += list(extra) + [ev]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if verbose and (r.stdout or r.stderr):
                print(r.stdout + r.stderr, end="")
            if r.returncode != 0:
                msg = (r.stderr or r.stdout).strip() or "ondes exited with status %d" % r.returncode
                for ins in self.instrs.values():
                    msg = ins.mapErrors(msg, re.escape("/instr/def %s: code:" % ins.name))
                raise RenderError(msg, r.stderr, r.returncode)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        return outfile


class Session(_Base):
    """The same API live: OSC over UDP to a running ondes (replies come back to
    this session's own port)."""

    def __init__(self, host="127.0.0.1", port=7770, timeout=5.0, check=True, start=False, jackd=False,
                 ondes=None, args=(), env=None, starttimeout=10.0):
        """Connect to the ondes listening on host:port.  start=True starts ondes itself
        (`ondes --port PORT ARGS…`, the binary found as OfflineSession finds it) and
        stops it on close(), on exit of a with block, or when the interpreter exits;
        port=None with start=True takes a free port.  jackd=True also starts a private
        JACK server with the dummy driver (a list gives jackd's driver options
        instead, e.g. ['-d', 'alsa']), stopped with ondes.  Raises ConnectionError
        (with ondes' own message when it could not start) if ondes does not answer."""
        super().__init__()
        self.proc = None           # the ondes this session started, if any
        self.jackproc = None       # the jackd this session started, if any
        self.output = []           # ondes' stderr/stdout lines (start=True)
        self._atexit = None
        self._bundle = None        # messages collected inside lock()
        self._syncid = 1
        self.timeout = timeout
        if start and port is None:
            port = _free_udp_port(host)
        self.host, self.port = host, port
        self.client = osc.OscClient(host, port)
        try:
            if start:
                self._start(ondes, args, env, jackd, starttimeout)
            elif check and not self.sync(timeout=min(timeout, 2.0)):
                raise ConnectionError("no reply from ondes at %s:%d (is it running?)" % (host, port))
        except BaseException:
            self.close()
            raise

    # --- starting and stopping ondes ----------------------------------------
    def _start(self, exe, args, env, jackd, starttimeout):
        exe = exe or find_ondes()
        env = dict(os.environ if env is None else env)
        if jackd:
            self._start_jackd(env, jackd, starttimeout)
        busy = not _udp_port_free(self.host, self.port)
        cmd = [exe, "--port", str(self.port)]
        if self.host not in ("127.0.0.1", "localhost"):
            cmd += ["--bind", self.host]
        cmd += [str(a) for a in args]
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, env=env)
        except OSError as e:
            raise ConnectionError("cannot start ondes (%s): %s" % (exe, e)) from None
        self._atexit = self.close
        atexit.register(self._atexit)
        self._reader = threading.Thread(target=self._read_output, args=(self.proc,), daemon=True)
        self._reader.start()
        # port already taken: ondes should say so and exit; never talk to the other
        # process on that port as if it were ours
        # (the whole start timeout either way: on a loaded machine ondes may take
        # more than a second to reach its port and refuse it)
        deadline = time.monotonic() + starttimeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            if busy:
                time.sleep(0.05)
            elif self.sync(timeout=0.1):
                return
        rc = self.proc.poll()
        if rc is None:
            if busy:
                self._stop_procs()
                e = ConnectionError("cannot start ondes: UDP port %d on %s is already in use by another process"
                                    % (self.port, self.host))
                e.output = list(self.output)
                raise e
            raise self._error("ondes (%s) started but did not answer /sync on %s:%d within %g s"
                              % (exe, self.host, self.port, starttimeout))
        self._reader.join(2)
        raise self._error("ondes could not start (exit status %d)" % rc)

    def _error(self, what):
        """A ConnectionError whose text is `what` and ondes' own lines ('ondes: …');
        .output holds everything it printed (libjack's messages included)."""
        own = [l for l in self.output if l.startswith("ondes")]
        text = "\n".join(own) if own else self._output_text()
        e = ConnectionError(what + (": " + text if text else ""))
        e.output = list(self.output)
        return e

    def _read_output(self, proc):
        for line in iter(proc.stdout.readline, b""):
            self.output.append(line.decode("utf-8", "replace").rstrip("\n"))
        proc.stdout.close()

    def _output_text(self, prefix=""):
        t = "\n".join(l for l in self.output if l.strip()).strip()
        return prefix + t if t else ""

    def _start_jackd(self, env, jackd, starttimeout):
        jackexe = shutil.which("jackd")
        if not jackexe:
            raise ConnectionError("jackd=True: jackd is not installed")
        name = "ondes-py-%d-%d" % (os.getpid(), id(self) & 0xffff)
        driver = list(jackd) if isinstance(jackd, (list, tuple)) else ["-d", "dummy"]
        env.update(JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1", JACK_NO_AUDIO_RESERVATION="1")
        self.jackproc = subprocess.Popen([jackexe, "-n", name, "--no-realtime"] + driver, env=env,
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        lsp = shutil.which("jack_lsp")
        deadline = time.monotonic() + starttimeout
        while time.monotonic() < deadline:
            if self.jackproc.poll() is not None:
                raise ConnectionError("jackd exited at once (status %d)" % self.jackproc.returncode)
            if not lsp:
                time.sleep(1.0)
                return
            r = subprocess.run([lsp], env=env, capture_output=True)
            if r.returncode == 0:
                return
            time.sleep(0.1)
        raise ConnectionError("the private jackd did not start within %g s" % starttimeout)

    def _stop_procs(self):
        p = self.proc
        if p is not None and p.poll() is None:
            try:
                self.client.send(osc.Message("/quit"))
            except OSError:
                pass
            try:
                p.wait(3)
            except subprocess.TimeoutExpired:
                p.terminate()
                try:
                    p.wait(3)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        j = self.jackproc
        if j is not None and j.poll() is None:
            j.terminate()
            try:
                j.wait(5)
            except subprocess.TimeoutExpired:
                j.kill()
                j.wait()

    # --- sending -----------------------------------------------------------
    @staticmethod
    def _message(address, args):
        types = "".join("s" if isinstance(a, str) else "i" if isinstance(a, int) and -2**31 <= a < 2**31
                        else "d" for a in args)
        return osc.Message(address, *args, types=types)

    def _send(self, address, args, delay=0):
        msg = self._message(address, args)
        if delay and delay > 0:
            self.client.send(osc.Bundle(time.time() + delay, msg))
        elif self._bundle is not None:
            self._bundle.add(msg)
        else:
            self.client.send(msg)

    def _request(self, address, args, what):
        """Send and wait for /done ADDRESS … or /fail ADDRESS …."""
        self.client.send(self._message(address, args))
        r = self.client.wait(lambda m: m.address in ("/done", "/fail") and m.args[:1] == [address],
                             self.timeout)
        if r is None:
            raise TimeoutError("no reply from ondes to %s within %g s" % (address, self.timeout))
        if r.address == "/fail":
            raise (CompileError if address == "/instr/def" else OndesError)(
                "%s: %s" % (what, " ".join(str(a) for a in r.args[1:])))
        return r

    def _defineInstr(self, instr):
        try:
            self._request("/instr/def", [instr.name, instr.body], "instrument %r" % instr.name)
        except CompileError as e:
            raise CompileError(instr.mapErrors(str(e), r"(?:^|\s)")) from None

    def _sched(self, ev, name, delay, dur, args):
        ev.start = time.monotonic() + delay
        self._send("/sched", [ev.id, name, float(delay), float(dur)] + args)

    def _command(self, address, args, delay, event=None):
        self._send(address, args, _num(delay))

    def chnset(self, name, value, delay=0):
        self._send("/chn/set", [name, float(_num(value))], _num(delay))

    def chnget(self, name, timeout=None):
        """The value of a control channel (after every earlier command took effect)."""
        self.sync(timeout)
        self.client.send(osc.Message("/chn/get", name, types="s"))
        m = self.client.wait(lambda m: (m.address == "/chn" and m.args[:1] == [name])
                             or (m.address == "/fail" and m.args[:1] == ["/chn/get"]),
                             self.timeout if timeout is None else timeout)
        if m is None:
            raise TimeoutError("no answer from ondes to /chn/get %s" % name)
        if m.address == "/fail":
            raise KeyError("channel %r: %s" % (name, m.args[1] if len(m.args) > 1 else "refused"))
        return float(m.args[1])

    def makeTable(self, data=None, size=0, tabnum=0, sr=0, **kws):
        t, args = self._makeTableArgs(data, size, tabnum, sr)
        self._request("/table/gen", args, "table %d" % t.tabnum)
        return t

    def readSoundfile(self, path, chan=0, tabnum=0, **kws):
        t, args = self._readSoundfileArgs(path, chan, tabnum)
        self._request("/table/read", args, "table %d (%s)" % (t.tabnum, path))
        return t

    def sync(self, timeout=None):
        """Wait until every earlier command took effect; True if ondes answered."""
        i = self._syncid
        self._syncid += 1
        self.client.send(osc.Message("/sync", i, types="i"))
        return self.client.wait(lambda m: m.address == "/synced" and m.args[:1] == [i],
                                self.timeout if timeout is None else timeout) is not None

    def fails(self):
        """/fail replies received so far (asynchronous errors, e.g. of /sched)."""
        out, kept = [], []
        while not self.client.replies.empty():
            m = self.client.replies.get_nowait()
            (out if m.address == "/fail" else kept).append(m)
        for m in kept:
            self.client.replies.put(m)
        return out

    @contextlib.contextmanager
    def lock(self, latency=0.02):
        """Commands sent inside the block (without their own delay) go out as one
        time-tagged bundle: they take effect on the same sample frame."""
        if self._bundle is not None:
            yield self
            return
        self._bundle = osc.Bundle(osc.IMMEDIATELY)
        try:
            yield self
        finally:
            b, self._bundle = self._bundle, None
            if b.elements:
                b.timetag = time.time() + latency
                self.client.send(b)

    def stopall(self):
        self._send("/stopall", [])

    def panic(self):
        self._send("/panic", [])

    # --- offline twins -----------------------------------------------------
    def makeRenderer(self, sr=None, nchnls=2, ksmps=64, **kws):
        """An OfflineSession with this session's instruments and tables."""
        r = OfflineSession(sr=sr or 48000, nchnls=nchnls, ksmps=ksmps, **kws)
        for ins in self.instrs.values():
            r.registerInstr(ins)
        for t in self.tables.values():
            if t.path:
                r.readSoundfile(t.path, tabnum=t.tabnum)
            elif t.data is not None:
                r.makeTable(t.data, tabnum=t.tabnum)
        r._nextid = self._nextid
        return r

    offlineSession = makeRenderer

    @contextlib.contextmanager
    def rendering(self, outfile, **kws):
        """with session.rendering('out.wav') as r: … renders on exit of the block."""
        r = self.makeRenderer(**kws)
        yield r
        r.render(outfile)

    def close(self):
        """Close the socket; stop ondes (and jackd) if this session started them."""
        if self._atexit is not None:
            atexit.unregister(self._atexit)
            self._atexit = None
        self._stop_procs()
        if getattr(self, "client", None) is not None:
            self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
