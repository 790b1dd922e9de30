# shellcheck shell=bash
# Picks a JDK >= 21 for the build and the stack: JAVA_HOME when it is one, else the
# newest under /usr/lib/jvm, else one clear error. Source it; it exports JAVA_HOME.
binhyen_java_major() {
  # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  printf '%s' "$v"
}

binhyen_pick_jdk() {
  local min=21 best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(binhyen_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then export JAVA_HOME; return 0; fi
  fi
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(binhyen_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "error: Bình Yên needs a JDK ${min} or newer; set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset}, none found under /usr/lib/jvm)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
