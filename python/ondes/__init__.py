"""ondes — a pure-Python client for the ondes synthesizer (csoundengine-style API).

    from ondes import OfflineSession, ntom
    s = OfflineSession(sr=44100, nchnls=2)
    s.defInstr('saw', r'''
      kmidi = p5
      outch 1, oscili:a(0.1, mtof:k(kmidi))
    ''')
    ev = s.sched('saw', 0, 2, kmidi=ntom('C4'))
    ev.automate('kmidi', (0, 0, 2, ntom('B3')), overtake=True)
    s.render('out.wav')

Session() does the same live, over OSC, with a running ondes.
"""
from .pitch import ntom, mton, mtof, ftom, ntof, fton
from .session import (Session, OfflineSession, Event, Instr, Table, OndesError,
                      CompileError, RenderError, find_ondes)
from . import osc
from . import offline
from .offline import OfflineEngine

__all__ = ["Session", "OfflineSession", "Event", "Instr", "Table", "OndesError", "CompileError",
           "RenderError", "find_ondes", "OfflineEngine", "offline", "ntom", "mton", "mtof", "ftom", "ntof", "fton", "osc"]
__version__ = "0.1"
