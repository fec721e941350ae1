#!/usr/bin/env bash
# Build the one-folder CLaMP 2 Desktop app with PyInstaller, then smoke-test it.
#
#   packaging/build.sh            (or: make package)
#
# Output: dist/clamp2-desktop/ (run dist/clamp2-desktop/clamp2-desktop); work files in build/pyinstaller.
# Environment: PYTHON (default .venv/bin/python), SELF_CHECK_MODEL (a model for the smoke test when no
# default model is bundled; default: the official-layout fixture model if it is there), SKIP_SELF_CHECK=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is not installed: $PY -m pip install -e '.[package]'" >&2
    exit 2
fi
# The bundle is for machines without a GPU: a CUDA torch would add gigabytes for nothing.
"$PY" - <<'PYEOF'
import sys, torch
if torch.version.cuda is not None:
    sys.exit(f"torch {torch.__version__} is a CUDA build; install the CPU build (torch==2.13.0 from the CPU index) first")
print(f"torch {torch.__version__} (CPU build)")
PYEOF

if [ ! -f resources/models/default/config.json ]; then
    echo "note: resources/models/default is not there yet: the bundle has no default model" >&2
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/clamp2_desktop.spec
echo "built dist/clamp2-desktop in $(( $(date +%s) - start )) s"

APP=dist/clamp2-desktop/clamp2-desktop
gpu=$(find dist/clamp2-desktop \( -name 'libcuda*' -o -name 'libcudart*' -o -name 'libcublas*' -o -name 'libcudnn*' \
      -o -name 'libcufft*' -o -name 'libcurand*' -o -name 'libcusolver*' -o -name 'libcusparse*' -o -name 'libnccl*' \
      -o -name 'libnvrtc*' -o -name 'libtorch_cuda*' \) | head -1)
if [ -n "$gpu" ]; then
    echo "error: a GPU library is in the bundle: $gpu" >&2
    exit 1
fi
for plugin in offscreen xcb; do
    if ! find dist/clamp2-desktop -name "libq${plugin}.so" | grep -q .; then
        echo "error: the Qt $plugin platform plugin is missing" >&2
        exit 1
    fi
done
echo "size: $(du -sh dist/clamp2-desktop | cut -f1)"

if [ "${SKIP_SELF_CHECK:-0}" = 1 ]; then
    exit 0
fi
model_args=()
if [ ! -f resources/models/default/config.json ]; then
    fixture="${SELF_CHECK_MODEL:-${CLAMP2_REFERENCE_DIR:-../shared/fixtures/clamp2_reference}/tiny_clamp2.pth}"
    if [ -f "$fixture" ]; then
        echo "smoke test with $fixture (no bundled default model)" >&2
        model_args=(--model "$(cd "$(dirname "$fixture")" && pwd)/$(basename "$fixture")")
    fi
fi
start_ns=$(date +%s%N)
QT_QPA_PLATFORM=offscreen "$APP" --self-check "${model_args[@]}"
echo "self-check passed in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms (start-up included)"
