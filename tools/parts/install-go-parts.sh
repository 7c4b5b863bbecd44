#!/usr/bin/env bash
# Builds the Go-distributed parts Identree runs against (geth with Clique PoA,
# kubo/IPFS, FerretDB on PostgreSQL) from the Go module proxy into a local
# binary cache. Idempotent: a part whose binary is present and reports the
# pinned version is skipped. See tools/parts/README.md for the caveats.
#
# Usage: tools/parts/install-go-parts.sh [--only geth|kubo|ferretdb] [--force]
#   --only PART   build just this part (may be given more than once)
#   --force       rebuild even if the cached binary has the pinned version
# Env:  IDENTREE_BIN_CACHE  target directory (default $HOME/.cache/identree/bin)
#
# Needs Go >= 1.26.5 (kubo v0.43.1's go.mod); tested with go1.26.8.
set -euo pipefail

GETH_VERSION=v1.13.15      # last geth line with Clique proof-of-authority
KUBO_VERSION=v0.43.1
KUBO_LIBP2P_VERSION=v0.50.0  # replaces kubo's unserved github.com/lidel/go-libp2p fork
FERRETDB_VERSION=v1.24.2   # v1.x: PostgreSQL/SQLite backends (v2 needs DocumentDB)

BIN="${IDENTREE_BIN_CACHE:-$HOME/.cache/identree/bin}"
NICE=(nice -n 19)

usage() { sed -n '7,10p' "$0" | sed 's/^# \{0,1\}//'; }

parts=()
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || { echo "error: --only needs geth|kubo|ferretdb" >&2; exit 2; }
      case "$2" in geth|kubo|ferretdb) parts+=("$2") ;;
        *) echo "error: unknown part '$2' (geth|kubo|ferretdb)" >&2; exit 2 ;; esac
      shift 2 ;;
    --only=*)
      p="${1#--only=}"
      case "$p" in geth|kubo|ferretdb) parts+=("$p") ;;
        *) echo "error: unknown part '$p' (geth|kubo|ferretdb)" >&2; exit 2 ;; esac
      shift ;;
    --force) force=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(geth kubo ferretdb)

command -v go >/dev/null || { echo "error: go not found on PATH" >&2; exit 1; }
mkdir -p "$BIN"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/identree-parts.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "==> target: $BIN  ($(go version))"

# Prints the module-cache directory of module@version (downloads it if needed).
mod_dir() {
  local json
  json="$(cd "$WORK" && go mod download -json "$1")" || true
  grep '"Error"' <<<"$json" >&2 || true
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$json"
}

# Copies a module's source out of the read-only module cache into $WORK/$2.
copy_src() {
  local dir
  dir="$(mod_dir "$1")"
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "error: could not download $1" >&2; return 1; }
  rm -rf "${WORK:?}/$2"
  cp -r "$dir" "$WORK/$2"
  chmod -R u+w "$WORK/$2"
}

run() { echo "+ $*"; "$@"; }

# Output is captured first: `cmd | grep -q` under pipefail can fail when grep
# exits early and cmd gets SIGPIPE.
have_version() { # part
  local out=""
  case "$1" in
    geth)     [ -x "$BIN/geth" ]     && out="$("$BIN/geth" version 2>/dev/null)" || return 1
              grep -qx "Version: ${GETH_VERSION#v}-stable" <<<"$out" ;;
    kubo)     [ -x "$BIN/ipfs" ]     && out="$("$BIN/ipfs" version 2>/dev/null)" || return 1
              grep -qx "ipfs version ${KUBO_VERSION#v}" <<<"$out" ;;
    ferretdb) [ -x "$BIN/ferretdb" ] && out="$("$BIN/ferretdb" --version 2>/dev/null)" || return 1
              grep -qx "version: $FERRETDB_VERSION" <<<"$out" ;;
  esac
}

build_geth() {
  # geth 1.13 depends on github.com/fjl/memsize, which go:linknames
  # runtime.stopTheWorld; Go >= 1.23's linker refuses that unless
  # -checklinkname=0 is given.
  run env GOBIN="$WORK/out" "${NICE[@]}" go install -ldflags=-checklinkname=0 \
    "github.com/ethereum/go-ethereum/cmd/geth@$GETH_VERSION"
  mv -f "$WORK/out/geth" "$BIN/geth"
}

build_kubo() {
  # `go install github.com/ipfs/kubo/cmd/ipfs@v0.43.1` is refused (kubo's go.mod
  # has a replace directive), and the replacement github.com/lidel/go-libp2p
  # pseudo-version is not served by the proxy (403). Build from a copy of the
  # module with the replace dropped and go-libp2p pinned to the release that
  # requires the same quic-go v0.62.0 / webtransport-go v0.13.0 as kubo.
  copy_src "github.com/ipfs/kubo@$KUBO_VERSION" kubo
  (
    cd "$WORK/kubo"
    run go mod edit -dropreplace=github.com/libp2p/go-libp2p \
      "-require=github.com/libp2p/go-libp2p@$KUBO_LIBP2P_VERSION"
    run "${NICE[@]}" go build -mod=mod -o "$WORK/out/ipfs" ./cmd/ipfs
  )
  mv -f "$WORK/out/ipfs" "$BIN/ipfs"
}

build_ferretdb() {
  # A plain `go install .../cmd/ferretdb@v1.24.2` builds, but the binary panics
  # at start ("Invalid build/version/version.txt file content"): the generated
  # version.txt is not in the module zip. Build from a copy with it written.
  copy_src "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" ferretdb
  echo "$FERRETDB_VERSION" > "$WORK/ferretdb/build/version/version.txt"
  (
    cd "$WORK/ferretdb"
    run "${NICE[@]}" go build -o "$WORK/out/ferretdb" ./cmd/ferretdb
  )
  mv -f "$WORK/out/ferretdb" "$BIN/ferretdb"
}

failed=()
for part in "${parts[@]}"; do
  if [ "$force" -eq 0 ] && have_version "$part"; then
    echo "==> $part: already in $BIN at the pinned version, skipping"
    continue
  fi
  echo "==> $part: building"
  mkdir -p "$WORK/out"
  start=$(date +%s)
  # set -e is ignored inside an `if` condition, so run the build outside one.
  set +e
  ( set -e; "build_$part" )
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    if have_version "$part"; then
      echo "==> $part: built in $(( $(date +%s) - start ))s"
    else
      echo "error: $part built but does not report the pinned version" >&2
      failed+=("$part")
    fi
  else
    echo "error: building $part failed after $(( $(date +%s) - start ))s" >&2
    failed+=("$part")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "==> done: ${parts[*]}"
