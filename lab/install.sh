#!/usr/bin/env bash
# Installs what the QEMU lab needs on Debian 12: QEMU >= 9 from bookworm-backports (Debian 12's own 7.2 loses
# dirty pages under TCG), iproute2 for link shaping, busybox-static and cpio for the guest's initramfs, and a
# static C toolchain for the workload; then the guest kernel: the vmlinuz of Debian's linux-image-amd64 package,
# unpacked (not installed) into the lab's cache ($LIVEMIG_LAB_CACHE, default ~/.cache/livemig/lab), where
# `livemig lab` looks for it. The mirror comes from the system's own apt sources; no host is named here.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
have_qemu() {
  command -v qemu-system-x86_64 >/dev/null 2>&1 || return 1
  local major
  major=$(qemu-system-x86_64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -1)
  [ "${major:-0}" -ge 9 ]
}
need=()
have_qemu || need+=(qemu)
for tool in tc:iproute2 cpio:cpio busybox:busybox-static gcc:gcc; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
[ -e /bin/busybox ] || need+=(busybox-static)
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || need+=(libc6-dev)
cache=${LIVEMIG_LAB_CACHE:-$HOME/.cache/livemig/lab}
fetch_kernel() {
  [ -f "$cache/vmlinuz" ] && return 0
  local tmp pkg
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  pkg=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1)
  if [ -z "$pkg" ]; then apt-get update -q; pkg=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1); fi
  [ -n "$pkg" ] || { echo "lab/install.sh: no linux-image-*-amd64 package known to apt" >&2; return 1; }
  echo "lab/install.sh: unpacking the guest kernel from $pkg into $cache" >&2
  (cd "$tmp" && apt-get download -q "$pkg" 2>/dev/null >/dev/null || apt-get download "$pkg")
  dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
  mkdir -p "$cache"
  cp "$tmp"/boot/vmlinuz-* "$cache/vmlinuz.tmp" && mv "$cache/vmlinuz.tmp" "$cache/vmlinuz"
  echo "$pkg" > "$cache/vmlinuz.package"
}
if [ ${#need[@]} -eq 0 ]; then fetch_kernel; echo "lab/install.sh: everything is installed"; exit 0; fi
echo "lab/install.sh: installing ${need[*]}" >&2
src=/etc/apt/sources.list.d/livemig-backports.sources
if [[ " ${need[*]} " == *" qemu "* ]] && [ ! -f "$src" ]; then
  uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  if [ -z "$uri" ]; then
    uri=$(sed -n 's/^deb[[:space:]]\+\(http[^[:space:]]*\)[[:space:]]\+bookworm[[:space:]].*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
  fi
  [ -n "$uri" ] || { echo "lab/install.sh: no Debian mirror found in the apt sources" >&2; exit 1; }
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$src"
fi
apt-get update -q
pkgs=()
for p in "${need[@]}"; do
  case "$p" in
    qemu) pkgs+=(qemu-system-x86/bookworm-backports qemu-system-common/bookworm-backports
                 qemu-system-data/bookworm-backports seabios/bookworm-backports qemu-utils/bookworm-backports) ;;
    *) pkgs+=("$p") ;;
  esac
done
apt-get install -y -q --no-install-recommends "${pkgs[@]}"
have_qemu || { echo "lab/install.sh: QEMU >= 9 still missing after the install" >&2; exit 1; }
fetch_kernel
qemu-system-x86_64 --version | head -1
