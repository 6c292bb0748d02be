
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

