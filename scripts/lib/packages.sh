# Sourced by the scripts in this folder: makes sure Debian packages are present.
# As root it installs what is missing with apt-get; otherwise it stops and prints
# the exact command to run.

# require_packages PACKAGE...
require_packages() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "swtop: missing packages: ${missing[*]}" >&2
        echo "swtop: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "swtop: installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "swtop: swift is not on PATH; install Swift 6 from https://swift.org/install" >&2
        exit 1
    fi
}
