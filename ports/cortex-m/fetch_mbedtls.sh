#!/bin/sh
# Fetch Debian's own mbedtls source package into DIR (ports/cortex-m/build/
# by default) for the Cortex-M build: `apt-get source mbedtls`, verified by
# apt against the signed Sources index of the configured Debian mirror.
#
#   fetch_mbedtls.sh DIR       unpacks into DIR/mbedtls-<version> and points
#                              the symlink DIR/mbedtls at it
#
# Needs a deb-src entry. When apt has none, this script adds one (as root),
# made from the machine's own Debian entries with "deb" changed to
# "deb-src", in /etc/apt/sources.list.d/paycode-deb-src.sources (or
# /etc/apt/sources.list.d/paycode-deb-src.list for one-line sources), and
# runs apt-get update. Idempotent: an unpacked tree or an existing entry is
# reused; nothing is added twice. Without root it prints what to run.
# The sources are never committed: DIR is a build folder (gitignored).
set -eu

dir=${1:-build}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

found() {
	for d in "$dir"/mbedtls-*/; do
		if [ -f "$d/include/mbedtls/ecdsa.h" ]; then
			d=${d%/}
			ln -sfn "${d##*/}" "$dir/mbedtls"
			echo "fetch_mbedtls: using $d" >&2
			return 0
		fi
	done
	return 1
}
found && exit 0

have_src() { apt-get source --print-uris -qq mbedtls >/dev/null 2>&1; }

if ! have_src; then
	if [ "$(id -u)" != 0 ]; then
		echo "fetch_mbedtls: apt has no deb-src entry for mbedtls." >&2
		echo "run as root once: sh $0 $dir   (it adds one and runs apt-get update)" >&2
		exit 1
	fi
	list=/etc/apt/sources.list.d/paycode-deb-src
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		# deb822: the same stanzas, as deb-src.
		[ -f "$list.sources" ] ||
			sed -e 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' \
			    /etc/apt/sources.list.d/debian.sources > "$list.sources"
	elif [ -f /etc/apt/sources.list ]; then
		[ -f "$list.list" ] ||
			sed -n -e 's/^deb[[:space:]]\{1,\}\(.*debian.*\)$/deb-src \1/p' \
			    /etc/apt/sources.list > "$list.list"
	else
		echo "fetch_mbedtls: no Debian apt sources found to mirror" >&2
		exit 1
	fi
	echo "fetch_mbedtls: added deb-src entries ($list.*); apt-get update" >&2
	apt-get update -qq >/dev/null
	have_src || { echo "fetch_mbedtls: apt still finds no mbedtls source" >&2; exit 1; }
fi

command -v dpkg-source >/dev/null 2>&1 || {
	echo "fetch_mbedtls: dpkg-source missing (Debian package dpkg-dev)" >&2
	exit 1
}
(cd "$dir" && apt-get source -qq mbedtls >&2)
found || { echo "fetch_mbedtls: apt-get source gave no mbedtls tree" >&2; exit 1; }
