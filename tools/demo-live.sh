#!/bin/sh
# demo-live.sh — the main job on a demo: ondes plays instruments/demo.csd as a JACK client
# while OSC adds notes, records what it played (demo.wav) and every command it executed
# (demo.events), then renders that event list offline and checks the samples are the same.
# Starts a dummy JACK server (no sound card needed) when none is running.
set -eu
cd "$(dirname "$0")/.."
ONDES=${ONDES:-./ondes}
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import numpy, soundfile' 2>/dev/null || PYTHON=/usr/bin/python3
export JACK_NO_START_SERVER=1
jackd_pid=""
cleanup() { [ -n "$jackd_pid" ] && kill "$jackd_pid" 2>/dev/null; true; }
trap cleanup EXIT
if ! jack_lsp >/dev/null 2>&1; then
    echo "demo-live: no JACK server running: starting one with the dummy backend (48 kHz, period 256)"
    jackd --no-realtime -d dummy -r 48000 -p 256 >/dev/null 2>&1 &
    jackd_pid=$!
    i=0
    until jack_lsp 2>/dev/null | grep -q system:playback; do
        i=$((i + 1))
        [ $i -lt 100 ] || { echo "demo-live: jackd did not start" >&2; exit 1; }
        sleep 0.1
    done
fi
rm -f demo.wav demo.events demo-offline.wav
"$ONDES" --exit-at-end --record demo.wav --record-events demo.events instruments/demo.csd &
ondes_pid=$!
sleep 1
# two bells over OSC while the score plays (the library's bell, by name)
oscsend localhost 7770 /sched isfffff -1 bell 1.5 3 0.15 91 0.1
oscsend localhost 7770 /sched isfffff -1 bell 2.5 3 0.15 96 0.9
wait $ondes_pid
secs=$("$PYTHON" -c 'import soundfile as sf; i = sf.info("demo.wav"); print(repr(i.frames / i.samplerate))')
"$ONDES" --render demo-offline.wav --bits 32f --duration "$secs" demo.events
"$PYTHON" - <<'PY'
import numpy as np, soundfile as sf
live, sr = sf.read("demo.wav", dtype="float32")
off, _ = sf.read("demo-offline.wav", dtype="float32")
same = live.shape == off.shape and np.array_equal(live, off)
print("demo-live: played %.2f s live (demo.wav), peak %.1f dBFS; the offline render of demo.events is %s"
      % (len(live) / sr, 20 * np.log10(np.abs(live).max()), "bit-identical" if same else "DIFFERENT"))
raise SystemExit(0 if same and np.abs(live).max() > 0.01 else 1)
PY
