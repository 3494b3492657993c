#!/usr/bin/env bash
# Candidate terminal measurements (release build): start-up time to the home screen next to
# `dialog --menu`, bytes written to the terminal per second while a question waits, and the largest
# gap between a deadline and the move to the next question over a whole exam.
# Usage: Benchmarks/terminal-measure.sh   (needs tmux, sqlite3, python3; dialog for the comparison)
set -euo pipefail
cd "$(dirname "$0")/.."
# The terminal as installed: Swift runtime and Foundation linked in (no symbol resolution of the
# Swift shared libraries at each start; ncursesw and sqlite3 stay shared). It has a scratch folder
# of its own: building it and epreuve-center (not static) alternately in one folder rebuilds
# everything each time. Both builds are incremental, so the figures are always of the code as it is.
BIN=${BIN:-.build-release/release}
CENTER_BIN=${CENTER_BIN:-.build/release}
if [ -z "${NO_BUILD:-}" ]; then
  # As the README builds it: dependencies compiled like the package (`Package.swift`) with direct
  # metadata accessors, about a millisecond of the start; libstdc++ linked in, another.
  swift build -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    -Xswiftc -L -Xswiftc Sources/epreuve/Linking --product epreuve --scratch-path .build-release >/dev/null
  swift build -c release --product epreuve-center >/dev/null
fi
CONTENT=Tests/EndToEndTests/Fixtures/Content
SOCK=epreuve-measure-$$
T="tmux -L $SOCK"
export LANG=C.UTF-8
trap '$T kill-server 2>/dev/null || true' EXIT

now() { date +%s.%N; }
wait_for() { # text, timeout
  local end=$(( $(date +%s) + ${2:-20} ))
  until $T capture-pane -p -t m 2>/dev/null | grep -qF "$1"; do
    [ "$(date +%s)" -lt "$end" ] || { echo "timeout waiting for $1" >&2; $T capture-pane -p -t m >&2; exit 1; }
    sleep 0.005
  done
}

startup() { # command, text → ms
  $T kill-server 2>/dev/null || true; sleep 0.3
  local t0; t0=$(now)
  $T new-session -d -s m -x 80 -y 24 "$1; sleep 30"
  wait_for "$2" 10
  python3 -c "print(round(($(now) - $t0) * 1000))"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

HOME_DIR=$(mktemp -d)
"$CENTER_BIN/epreuve-center" candidates add --home "$HOME_DIR" --content "$CONTENT" --nom Mesure --prenom Lea --naissance 01/01/2013 --classe 5A --sexe F --attestation RAPIDE >/dev/null
START=$(date -d '-2 min' '+%d/%m/%Y %H:%M')
OUT=$("$CENTER_BIN/epreuve-center" sessions create --home "$HOME_DIR" --content "$CONTENT" --type examen --attestation RAPIDE --name Mesure --at "$START")
NUMBER=$(echo "$OUT" | sed -n 's/^Numéro de l.épreuve : //p')
CODE=$(echo "$OUT" | awk '/^Lea /{print $NF}')

echo "start-up to the first screen (median of 10, ms; runs interleaved so load changes hit all alike):"
BUNDLED_HOME=$(mktemp -d)
startup "$BIN/epreuve --home $BUNDLED_HOME" "Passer une épreuve" >/dev/null  # first start creates the demo and the cache
startup "$BIN/epreuve --home $HOME_DIR --content $CONTENT" "Passer une épreuve" >/dev/null
HAS_DIALOG=$(command -v dialog >/dev/null && echo 1 || echo 0)
: >"$HOME_DIR/.small" >"$HOME_DIR/.bundled" >"$HOME_DIR/.dialog"
for i in $(seq 10); do
  startup "$BIN/epreuve --home $HOME_DIR --content $CONTENT" "Passer une épreuve" >>"$HOME_DIR/.small"
  startup "$BIN/epreuve --home $BUNDLED_HOME" "Passer une épreuve" >>"$HOME_DIR/.bundled"
  if [ "$HAS_DIALOG" = 1 ]; then startup "dialog --menu Accueil 12 40 3 1 'Passer une épreuve' 2 Quitter" "Passer une" >>"$HOME_DIR/.dialog"; fi
done
SMALL=$(median <"$HOME_DIR/.small"); BUNDLED=$(median <"$HOME_DIR/.bundled")
echo "  epreuve, 6-question test content       $SMALL"
echo "  epreuve, bundled Content (268 questions) $BUNDLED"
if [ "$HAS_DIALOG" = 1 ]; then
  DIALOG=$(median <"$HOME_DIR/.dialog")
  echo "  dialog --menu                          $DIALOG"
  python3 -c "print(f'  ratio epreuve / dialog: {$SMALL / max($DIALOG, 1):.2f} (test content), {$BUNDLED / max($DIALOG, 1):.2f} (bundled content); target 1.5')"
fi

# The same without tmux, whose server start and 9 ms polling put a floor of about 14 ms under every
# figure above (`echo` measures 14–15 ms there): the time the programs themselves take to draw.
if [ "$HAS_DIALOG" = 1 ]; then
  echo "fork to the first frame on a pseudo-terminal of its own (median of 15, ms):"
  read -r PTY_SMALL PTY_BUNDLED PTY_DIALOG < <(python3 Benchmarks/first-frame.py 15 "Passer une" \
    -- "$BIN/epreuve" --home "$HOME_DIR" --content "$CONTENT" -- "$BIN/epreuve" --home "$BUNDLED_HOME" \
    -- dialog --menu Accueil 12 40 3 1 'Passer une épreuve' 2 Quitter | paste -sd' ')
  echo "  epreuve, test content $PTY_SMALL, bundled content $PTY_BUNDLED, dialog --menu $PTY_DIALOG"
  python3 -c "print(f'  ratio epreuve / dialog: {$PTY_SMALL / $PTY_DIALOG:.2f} (test content), {$PTY_BUNDLED / $PTY_DIALOG:.2f} (bundled content); target 1.5')"
fi

# One whole exam (4 questions of 5 s), output piped to a file while question 1 waits.
$T kill-server 2>/dev/null || true; sleep 0.3
$T new-session -d -s m -x 80 -y 24 "$BIN/epreuve --home $HOME_DIR --content $CONTENT; sleep 60"
wait_for "Passer une épreuve"; $T send-keys -t m Enter
wait_for "Numéro de l'épreuve"; $T send-keys -t m -l "$NUMBER"; $T send-keys -t m Enter
wait_for "Code d'accès"; $T send-keys -t m -l "$CODE"; $T send-keys -t m Enter
wait_for "Vérifiez votre identité"; $T send-keys -t m Enter
for i in 1 2 3 4; do
  sleep 0.2
  if $T capture-pane -p -t m | grep -q "Démarrer"; then $T send-keys -t m Enter; break; fi
  $T send-keys -t m Enter
done
wait_for "c'est à vous"; $T send-keys -t m Enter
wait_for "Question 1/4"
PIPE=${KEEP_PIPE:-$(mktemp)}   # KEEP_PIPE=FILE keeps the bytes for a look with cat -v
$T pipe-pane -o -t m "cat >> $PIPE"
sleep 2
$T pipe-pane -t m
BYTES=$(stat -c %s "$PIPE")
echo "bytes written while a question waits: $BYTES in 2 s = $((BYTES / 2)) bytes/s (countdown and bar redraws only)"
wait_for "L'épreuve est terminée" 30

python3 - "$HOME_DIR/terminal.sqlite" <<'PY'
import sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1])
rows = db.execute("select event, questionIndex, at from journal order by id").fetchall()
def t(s): return datetime.datetime.fromisoformat(s)
starts = [t(at) for e, i, at in rows if e == "answering"]
closes = [t(at) for e, i, at in rows if e == "closed"]
t0 = starts[0]
gaps = [((c - t0).total_seconds() - 5 * (k + 1)) * 1000 for k, c in enumerate(closes)]
print("deadline → move to next question, per question (ms):", ", ".join(f"{g:.1f}" for g in gaps))
print(f"largest gap between a deadline and the move on: {max(gaps):.1f} ms over {len(gaps)} questions")
PY
