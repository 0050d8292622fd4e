#!/usr/bin/env bash
# Renders every kustomization under deploy/kubernetes with `kubectl kustomize` and validates each object against the
# Kubernetes API schemas (validate.mjs); exits non-zero when one does not render or one object is invalid. Needs
# kubectl (Debian's kubernetes-client) and Node.js with npm; installs the validator's pinned packages
# (package-lock.json) on first use. No cluster needed. .ci/run calls it; run it by hand with
#   deploy/kubernetes/check.sh
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -d node_modules ]] || ! cmp -s package-lock.json node_modules/.package-lock.json.installed; then
  npm ci --omit-lockfile-registry-resolved --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json node_modules/.package-lock.json.installed
fi

# The validator must still refuse: each object of fixtures/invalid.yaml has one mistake.
expected=$(grep -c '^kind:' fixtures/invalid.yaml)
if refused=$(node validate.mjs fixtures/invalid.yaml < fixtures/invalid.yaml 2>&1); then
  echo "validate.mjs accepted fixtures/invalid.yaml: the validator no longer validates" >&2
  exit 1
fi
if [[ $(grep -c '^INVALID ' <<<"$refused") -ne $expected ]]; then
  echo "validate.mjs refused fixtures/invalid.yaml, but not each of its $expected objects:" >&2
  echo "$refused" >&2
  exit 1
fi

for kustomization in base redis overlays/*; do
  rendered=$(kubectl kustomize "$kustomization")
  node validate.mjs "deploy/kubernetes/$kustomization" <<<"$rendered"
done
