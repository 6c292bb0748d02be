#!/usr/bin/env python3
"""The offline example of csoundengine's documentation, with ondes: three saw...
well, sine notes (oscili), one gliding, two changed while they play.

(The original reads mtof:k(kfreq) while its parameter is kmidi; corrected here.)
Usage: seed_offline.py [OUT.wav]   (PYTHONPATH=python, ONDES=path/to/ondes if not built in-tree)
"""
import sys

from ondes import OfflineSession, ntom


def build():
    session = OfflineSession(sr=44100, nchnls=2)

    session.defInstr('saw', r'''
      kmidi = p5
      outch 1, oscili:a(0.1, mtof:k(kmidi))
    ''')

    events = [
        session.sched('saw', 0, 2, kmidi=ntom('C4')),
        session.sched('saw', 1.5, 4, kmidi=ntom('4G')),
        session.sched('saw', 1.5, 4, kmidi=ntom('4G+10'))
    ]

    # offline events can be automated just like real-time events
    events[0].automate('kmidi', (0, 0, 2, ntom('B3')), overtake=True)

    events[1].set(delay=3, kmidi=67.2)
    events[2].set(kmidi=80, delay=4)
    return session


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "out.wav"
    build().render(out)
    print(out)
