"""pitch.py — note names, MIDI numbers and frequencies (pitchtools conventions).

Note names: 'C4', 'C#4', 'Db4' (note first) or '4C', '4C#', '4Db' (octave first),
optionally followed by cents: '4G+10', 'C4-25'; '4C+' / '4C-' are a quarter tone
(50 cents) up / down.  Middle C ('C4', '4C') is MIDI 60.
"""
import math
import re

__all__ = ["ntom", "mton", "mtof", "ftom", "ntof", "fton"]

_PC = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_ACC = {"": 0, "#": 1, "s": 1, "b": -1, "x": 2, "bb": -2, "##": 2}
_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

_CENTS = r"(?P<cents>[+-](?:\d+(?:\.\d*)?)?)?"
_NOTE_FIRST = re.compile(r"^(?P<pc>[A-Ga-g])(?P<acc>##|bb|#|b|x)?(?P<oct>-?\d+)" + _CENTS + r"$")
_OCT_FIRST = re.compile(r"^(?P<oct>-?\d+)(?P<pc>[A-Ga-g])(?P<acc>##|bb|#|b|x)?" + _CENTS + r"$")


def ntom(note):
    """MIDI number (float) of a note name: ntom('C4') == 60, ntom('4G+10') == 67.1."""
    if not isinstance(note, str):
        raise TypeError("ntom expects a note name (str), got %r" % (note,))
    s = note.strip()
    m = _OCT_FIRST.match(s) or _NOTE_FIRST.match(s)
    if not m:
        raise ValueError("not a note name: %r (use e.g. 'C4', 'C#4', 'Db4', '4G', '4G+10')" % note)
    midi = (int(m.group("oct")) + 1) * 12 + _PC[m.group("pc").lower()] + _ACC[m.group("acc") or ""]
    c = m.group("cents")
    if c:
        cents = 50.0 if len(c) == 1 else float(c[1:])
        midi += (cents if c[0] == "+" else -cents) / 100.0
    return round(float(midi), 10)


def mton(midi):
    """Note name of a MIDI number, octave first, cents rounded to an integer:
    mton(69) == '4A', mton(60.1) == '4C+10', mton(61.7) == '4D-30'."""
    m = float(midi)
    if math.isnan(m) or math.isinf(m):
        raise ValueError("mton: not a finite MIDI number: %r" % (midi,))
    n = int(math.floor(m + 0.5))          # nearest semitone, .5 rounds up...
    cents = int(round((m - n) * 100))
    if cents == -50:                      # ...but 60.5 is '4C+50', like pitchtools
        n, cents = n - 1, 50
    octave = n // 12 - 1
    name = "%d%s" % (octave, _NAMES[n % 12])
    if cents > 0:
        name += "+%d" % cents
    elif cents < 0:
        name += "-%d" % -cents
    return name


def mtof(midi, a4=440.0):
    """Frequency in Hz of a MIDI number."""
    return a4 * 2.0 ** ((float(midi) - 69.0) / 12.0)


def ftom(freq, a4=440.0):
    """MIDI number (float) of a frequency in Hz."""
    if freq <= 0:
        raise ValueError("ftom: frequency must be positive, got %r" % (freq,))
    return 69.0 + 12.0 * math.log2(freq / a4)


def ntof(note, a4=440.0):
    return mtof(ntom(note), a4)


def fton(freq, a4=440.0):
    return mton(ftom(freq, a4))
