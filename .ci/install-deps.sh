#!/usr/bin/env bash
# Installs the Debian packages Loom builds and runs with, when any is missing.
# Uses sudo when not run as root. Safe to run again: it installs nothing when all are present.
#   .ci/install-deps.sh        what building, testing and running Loom need
#   .ci/install-deps.sh fuzz   that, and clang with libFuzzer (the fuzz build)
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libvulkan-dev libglfw3-dev libglm-dev libimgui-dev libshaderc-dev libspdlog-dev libstb-dev
  libcli11-dev nlohmann-json3-dev libtinyobjloader-dev libtinygltf-dev
  mesa-vulkan-drivers vulkan-validationlayers glslang-tools spirv-tools
  libgtest-dev libbenchmark-dev xvfb xauth libx11-dev fonts-dejavu-core
)
if [ "${1:-}" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
