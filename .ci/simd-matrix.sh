#!/usr/bin/env bash
# Re-runs the kernel tests (Category=Kernels) with wide instruction sets switched off, so the narrower vector and
# scalar fallback paths run on a machine that has AVX-512; InstructionSetsMatchEnvironment proves which ones did.
# Builds nothing: build first and pass the same configuration/artifacts arguments through, e.g.
#   dotnet build tests/SealMatch.Engine.Tests --artifacts-path /tmp/art
#   .ci/simd-matrix.sh --artifacts-path /tmp/art
# Prints "simd-matrix <setting>: N passed, N failed" per run; exits non-zero if any run fails or runs nothing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# DOTNET_EnableAVX512=0 leaves AVX2 (the Vector256 paths); AVX2=0 leaves SSE (Vector128); HWIntrinsic=0 leaves scalar.
# (.NET 10 ignores the older DOTNET_EnableAVX512F knob.)
settings=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0)
results_root="$(mktemp -d "${TMPDIR:-/tmp}/simd-matrix.XXXXXX")"
echo "simd-matrix: results in $results_root"

counter() {
    # counter NAME FILE: the NAME="..." attribute of the TRX <Counters> element (0 when absent).
    local value
    value="$(grep -o '<Counters [^>]*>' "$2" 2>/dev/null | head -n 1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"
    echo "${value:-0}"
}

status=0
for setting in "${settings[@]}"; do
    run_directory="$results_root/${setting%%=*}"
    mkdir -p "$run_directory"
    trx="$run_directory/kernels.trx"

    set +e
    env "$setting" dotnet test tests/SealMatch.Engine.Tests --no-build --filter "Category=Kernels" \
        --results-directory "$run_directory" --logger "trx;LogFileName=kernels.trx" "$@" \
        >"$run_directory/console.log" 2>&1
    exit_code=$?
    set -e

    passed="$(counter passed "$trx")"
    failed="$(counter failed "$trx")"
    echo "simd-matrix $setting: $passed passed, $failed failed"

    # The instruction sets the test host reported (from InstructionSetsMatchEnvironment's output).
    seen="$(grep -o 'Vector128=[^&<]*' "$trx" 2>/dev/null | head -n 1 || true)"
    if [[ -n "$seen" ]]; then
        echo "  $seen"
    fi

    if [[ $exit_code -ne 0 || "$failed" -ne 0 || "$passed" -eq 0 ]]; then
        status=1
        echo "simd-matrix $setting: FAILED (dotnet test exit code $exit_code); last lines of $run_directory/console.log:" >&2
        tail -n 40 "$run_directory/console.log" | sed 's/^/  /' >&2
    fi
done

exit "$status"
