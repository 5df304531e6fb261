#!/usr/bin/env bash
# Runs every training pipeline for a few steps, end to end, to prove it still works: the C# data
# step (the same code the service runs), training, ONNX export and the ONNX-vs-PyTorch check.
# Writes only to a temporary folder; the committed models are never touched. CI runs it (.ci/run).
#
#   bash models/training/smoke.sh            # builds the CLI (incrementally) first
#
# Needs Debian's python3-torch, python3-onnx, python3-numpy, python3-pil and the shared signature set
# beside the repository (../shared/data/signatures/cross-media-zh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$(mktemp -d /tmp/sealmatch-smoke.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work" # the scripts' --smoke output folders go here too
python=/usr/bin/python3
cli_dll="$root/src/SealMatch.Cli/bin/Release/net10.0/sealmatch.dll"
dotnet build -c Release -nologo -v quiet src/SealMatch.Cli >/dev/null # incremental: quick when CI has built it
cli() { dotnet "$cli_dll" "$@"; }
shared="${SEALMATCH_SHARED_DIR:-$root/../shared}/data/signatures/cross-media-zh"
start=$SECONDS

echo "== signature-embedding: prepare 4 writers with the engine's preprocessing, train a few steps, export"
mkdir -p "$work/sig-raw"
for w in 001 002 003 004; do cp -r "$shared/writer-$w" "$work/sig-raw/"; done
cli signatures prepare --data "$work/sig-raw" --out "$work/sig-prepared" --media all
"$python" models/training/signature_embedding.py --data "$work/sig-prepared" --smoke --train-writers 1-2 --val-writers 3-4
"$python" models/training/signature_embedding.py --data "$work/sig-prepared" --smoke --train-writers 1-2 --val-writers 3-4 --identity both --input-pool 1
echo "== signature-embedding: join two members into one graph (merge_embeddings.py)"
members=()
for m in "$work"/signature-smoke-*; do members+=(--member "$m/signature-embedding.onnx" "$m/signature-embedding.expected.json"); done
"$python" models/training/merge_embeddings.py "${members[@]}" --out "$work/joined"

echo "== seal-pair: export registered pairs from a small generated slip set, train a few steps, export"
cli export seal-pairs --seed 7 --genuine 6 --forged 6 --dpi 300 --out "$work/pairs"
"$python" models/training/seal_pair.py --train "$work/pairs" --smoke

echo "== smoke: every pipeline ran ($((SECONDS - start)) s)"
