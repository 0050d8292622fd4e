#!/usr/bin/env bash
# Soak and fault run: two backend instances, Redis and two gateway replicas sharing it, held at about half their
# capacity for a while (default 10 minutes) while faults are injected; prints a line every 10 s, a table of what
# clients saw during and after each fault, and a verdict. See bench/README.md, "Soak and faults". Exit status 0 on PASS.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'TEXT'
Usage: bash bench/soak.sh [--duration 10m] [--backend nginx|sample] [--keep]

  --duration D   how long the load is held, e.g. 10m (default) or 5m (the least: the faults take four minutes)
  --backend B    nginx (default: two nginx processes, a fixed answer, cheap) or sample (two sample-backend JVMs)
  --keep         keep the work directory (every process's log, the Redis data) and print its path
  --no-build     use the jars already in */target instead of building them from this checkout first
  --help         this text

Environment: SOAK_GATEWAY_JAVA_OPTIONS, the gateways' JVM options (default -Xmx256m, so that a leak shows as RSS
growth or GC trouble rather than the heap growing into free memory); JAVA_HOME picks the JDK.
TEXT
}

DURATION=10m
BACKEND=nginx
KEEP=false
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --backend) BACKEND="$2"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    --no-build) BUILD=false; shift ;;
    --help|-h) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$BACKEND" in nginx|sample) ;; *) echo "--backend must be nginx or sample" >&2; exit 2 ;; esac

need() {   # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2"
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
  fi
}
need redis-server redis-server
need redis-cli redis-tools
if [ "$BACKEND" = nginx ]; then need nginx nginx; fi

JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; fi
if [ "$BUILD" = true ]; then
  echo "building the jars (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d -t soak.XXXXXX)
cleanup() {
  if [ "$KEEP" = true ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
"$JAVA" bench/soak/Soak.java --root "$PWD" --work "$WORK" --duration "$DURATION" --backend "$BACKEND"
