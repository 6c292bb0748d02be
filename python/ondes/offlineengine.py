"""offlineengine.py — csoundengine's OfflineEngine: orchestra code, events by
instrument and p-field number, a clock advanced by perform(), rendered by ondes."""
import os
import tempfile

from .instr import _num, _value
from .session import OfflineSession, _split_args

__all__ = ["OfflineEngine", "RenderJob"]


class RenderJob:
    """A finished render: .outfile is the sound file (csoundengine's RenderJob;
    ondes renders synchronously, so wait() returns at once)."""

    def __init__(self, outfile, samplerate=0):
        self.outfile = outfile
        self.samplerate = samplerate

    def wait(self, timeout=None):
        return 0

    def __repr__(self):
        return "RenderJob(outfile=%r)" % self.outfile


class OfflineEngine:
    """The low-level offline engine: compile() whole orchestra code (instr …
    endin blocks and global code), sched() events of those instruments with
    p-fields from p4, setp/automatep/unsched them, perform() to advance the
    clock, stop() to render.  Times are relative to `now`, as in csoundengine."""

    def __init__(self, sr=44100, ksmps=64, outfile="", nchnls=2, a4=0, globalcode="", **kws):
        self.sr, self.ksmps, self.nchnls = sr, ksmps, nchnls
        self.a4 = a4 or 440
        self.outfile = os.path.abspath(os.path.expanduser(outfile)) if outfile else ""
        self._events = OfflineSession(sr=sr, nchnls=nchnls, ksmps=ksmps, a4=self.a4)
        self._now = 0.0
        self._endmarker = 0.0     # the latest end of a finite event
        self._stopped = False
        self._job = None
        if globalcode:
            self.compile(globalcode)

    @property
    def now(self):
        """The logical time: how far perform() advanced the clock."""
        return self._now

    def elapsedTime(self):
        return self._now

    def _time(self, delay, relative=True):
        t = _num(delay) + (self._now if relative else 0.0)
        if t < 0:
            raise ValueError("a time before the start of the render: %r" % t)
        return t

    def compile(self, code):
        """Orchestra code: instrument blocks and global code (compiled before the
        performance starts, whenever this is called)."""
        if not isinstance(code, str):
            raise TypeError("compile: code must be a string")
        self._events._add(0, "/orc", [code])

    def sched(self, instr, delay=0.0, dur=-1.0, *pfields, args=None, unique=False, relative=True, **namedpfields):
        """Start an event of instrument `instr` (number or name); p-fields from p4
        by position (or args=[…]) or by name (`p5=…`, or a name the instrument
        assigns: `ifreq = p4`).  Returns the event's id, for setp/automatep/unsched."""
        pfields, named = _split_args(pfields, args, namedpfields)
        t = self._time(delay, relative)
        d = _num(dur)
        a = [_value(v) for v in pfields]
        for k, v in named.items():
            a += [k, _num(v)]
        eid = self._events._newid()
        self._events._add(t, "/sched", [eid, instr, 0, d] + a)
        if d > 0:
            self._endmarker = max(self._endmarker, t + d)
        return eid

    @staticmethod
    def _pname(p):
        return "p%d" % p if isinstance(p, int) else str(p)

    def setp(self, p1, *pairs, delay=0.0):
        """setp(event, 5, 0.3, 'kcutoff', 1000, delay=1): p-fields by number or name."""
        if not pairs or len(pairs) % 2:
            raise ValueError("setp: give p-field value pairs, got %r" % (pairs,))
        a = [int(p1)]
        for p, v in zip(pairs[0::2], pairs[1::2]):
            a += [self._pname(p), _num(v)]
        self._events._add(self._time(delay), "/set", a)

    def automatep(self, p1, pfield, pairs, mode="linear", delay=0.0, overtake=False):
        """Breakpoints (t0, v0, t1, v1, …) for a p-field (number or name) of an event."""
        flat = [_num(x) for x in pairs]
        if len(flat) < 2 or len(flat) % 2:
            raise ValueError("automatep: pairs must be (t0, v0, t1, v1, …), got %d values" % len(flat))
        a = [int(p1), self._pname(pfield)] + flat + [mode] + (["overtake"] if overtake else [])
        self._events._add(self._time(delay), "/automate", a)
        return 0.0

    def unsched(self, p1, delay=0.0):
        """Release the event (its release segments run)."""
        self._events._add(self._time(delay), "/stop", [int(p1)])

    def makeTable(self, data=None, size=0, tabnum=0, sr=0, delay=0.0, **kws):
        """A table of the given values (or `size` zeros); returns its number."""
        return self._events.makeTable(data, size=size, tabnum=tabnum, sr=sr, delay=self._time(delay)).tabnum

    def makeEmptyTable(self, size, numchannels=1, sr=0, delay=0.0):
        return self.makeTable(size=size * numchannels, sr=sr, delay=delay)

    def readSoundfile(self, path, tabnum=0, chan=0, skiptime=0.0, delay=0.0, **kws):
        """A sound file into a table (GEN 1); returns its number."""
        if skiptime:
            raise ValueError("readSoundfile: skiptime is not supported yet")
        return self._events.readSoundfile(os.path.expanduser(path), chan=chan, tabnum=tabnum,
                                          delay=self._time(delay)).tabnum

    def setChannel(self, channel, value, delay=0.0):
        self._events.chnset(channel, value, delay=self._time(delay))

    def perform(self, endtime=0.0, extratime=0.0):
        """Advance the clock to `endtime`, or to the end of the last finite event
        plus `extratime` (events of dur -1 do not move that mark)."""
        self._now = max(self._now, _num(endtime) if endtime else self._endmarker + _num(extratime))

    def stop(self, render=True, extratime=0.0):
        """Render everything up to the clock (performing to the end first) and
        return a RenderJob; None if nothing is rendered or it already stopped."""
        if self._stopped:
            return None
        self._stopped = True
        if not render:
            return None
        if self._now < self._endmarker + extratime:
            self.perform(extratime=extratime)
        if not self.outfile:
            fd, self.outfile = tempfile.mkstemp(prefix="ondes-", suffix=".wav")
            os.close(fd)
        self._events.render(self.outfile, endtime=self._now)
        self._job = RenderJob(self.outfile, self.sr)
        return self._job

    def renderjob(self):
        return self._job

    def eventList(self):
        """The ondes event list this engine renders."""
        return self._events.eventList()
