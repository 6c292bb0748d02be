<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; demo.csd — eight seconds that use the instruments library: a plucked arpeggio,
; a filtered saw bass with a cutoff sweep, bells and a sine pad.
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

#include "sine.orc"
#include "saw.orc"
#include "bell.orc"
#include "pluck.orc"

</CsInstruments>
<CsScore>
; plucked arpeggio: amp  note  pan
i "pluck" 0.00 0.6 0.30 57 0.3
i .       0.25 .   .    60 0.4
i .       0.50 .   .    64 0.5
i .       0.75 .   .    67 0.6
i .       1.00 .   .    72 0.7
i .       1.25 .   .    67 0.6
i .       1.50 .   .    64 0.5
i .       1.75 .   .    60 0.4
; saw bass: amp note cutoff res pan
i "saw"   2.0  1.5 0.25 36 400  0.3 0.5
i .       3.5  1.5 .    41 800  0.5 .
i .       5.0  2.0 .    43 1600 0.7 .
; bells
i "bell"  2.0  4.0 0.20 79 0.2
i .       3.0  4.0 .    84 0.8
; sine pad
i "sine"  4.0  3.5 0.08 60 0.3
i .       4.0  3.5 .    64 0.5
i .       4.0  3.5 .    67 0.7
e
</CsScore>
</CsoundSynthesizer>
