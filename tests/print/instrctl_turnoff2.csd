<CsoundSynthesizer>
; turnoff2 and turnoff2_i as Csound 6.18 runs them (OOps/goto_ops.c), the
; victims printing around each kill: mode 0 all, 1 oldest, 2 newest (first
; and last in Csound's list: by p1, then start), +4 exactly p1's fraction,
; +8 held notes only; with release (notes releasing already are left),
; without (they end at once, releasing or not); a note starting within the
; kill's k-cycle is killed before it plays (10.9); p1 <= 0 does nothing.
; And Csound's quirk: when turnoff2 ends at once the note that performs
; next, no note after it performs in that k-cycle (instr 11's counts lag).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1

gkc init 0

instr 1                         ; the k-cycle count, first of every cycle
  gkc += 1
endin

instr 5                         ; at cycle p4: turnoff2 p5, p6, p7
  if gkc == p4 then
    turnoff2 p5, p6, p7
    printks "@kill at %d: %.2f mode %d rel %d\n", 0, gkc, p5, p6, p7
  endif
endin

instr 6                         ; turnoff2_i at its start
  turnoff2_i p4, p5, p6
  prints "@kill_i %.2f mode %d rel %d\n", p4, p5, p6
endin

instr 10, 11                    ; victims: p4 id, p5 1 = a release of 3 cycles
  if p5 == 1 then
    xtratim 3 * ksmps / sr
  endif
  kn init 0
  kn += 1
  krel release
  if (gkc + 1) % 750 <= 4 then
    printks "@%.2f id %d: cycle %d n %d rel %d\n", 0, p1, p4, gkc, kn, krel
  endif
endin
</CsInstruments>
<CsScore>
i 1 0 6
; round 1 (cycle 750): mode 0 all, no release: a held note, finite ones, one
; with a release, one starting within the kill's k-cycle (10.9), one the
; k-cycle after (10.95); instr 11 left alone
i 10.1 0 -1 1 0
i 10.5 0.01 3 2 1
i 10 0.02 1.9 3 0
i 11 0 2.5 4 0
i 10.9 0.4997 1 19 0
i 10.95 0.5 0.5 20 0
i 5 0 3 750 10 0 0
; round 2 (cycle 2250): oldest (1) with release, then newest (2) without;
; oldest and newest by p1 first, then start
i 10.3 1 -1 5 1
i 10.2 1.01 -1 6 1
i 10.4 1.02 -1 7 0
i 5 1 3 2250 10 1 1
i 5 1 3 2250 10 2 0
; round 3 (cycle 3000): +4 exact p1 (10.25), then +8 held only
i 10.25 1.5 2 9 0
i 10.25 1.51 -1 8 0
i 10.5 1.52 -1 10 0
i 10.6 1.53 2 16 0
i 5 1.5 3 3000 10.25 4 0
i 5 1.5 3 3000 10 8 0
; round 4 (cycle 4500): with release, again on notes releasing already, then without
i 11.1 2.6 -1 11 1
i 11.2 2.61 -1 12 1
i 5 2.6 3 4500 11 0 1
i 5 2.6 3 4501 11 0 1
i 5 2.6 3 4502 11 0 0
; turnoff2_i: the oldest of instr 10, exactly 10.5, p1 <= 0 (nothing), all
i 10.11 3.5 -1 13 0
i 10.5 3.5 -1 14 0
i 10.12 3.5 -1 15 0
i 6 4.0 0.1 10 1 0
i 6 4.5 0.1 10.5 4 0
i 6 5.0 0.1 -10 0 0
i 6 5.5 0.1 10 0 0
</CsScore>
</CsoundSynthesizer>
