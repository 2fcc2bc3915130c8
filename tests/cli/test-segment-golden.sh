# SPDX-License-Identifier: MIT
# Quality floor of `tm segment` on the public Golden Rules sets: the figures
# reached when this was written (see docs/segmentation.md). A change that
# loses a case fails here. Skips without the shared data or python3.
. "$(dirname "$0")/lib.sh"
shared_data || skip_all "TM_SHARED_DATA absent"
command -v python3 >/dev/null || skip_all "python3 absent"
[ -d "$TM_SHARED_DATA/segmentation/golden_rules" ] || skip_all "no golden_rules"

python3 "$TM_SOURCE_ROOT/tests/bench/eval-golden-rules.py" --tm "$TM" \
	--data "$TM_SHARED_DATA/segmentation/golden_rules" --tap \
	--floor pysbd48=47 --floor en52=51 --floor en181=154 \
	--floor ru42=42 --floor other=247 \
	--sets pysbd48,en52,en181,ru42,other >"$work/golden.tap"
rc=$?
# Re-number the script's TAP lines into this test's plan.
while IFS= read -r line; do
	case $line in
	"ok "*) pass "golden ${line#ok [0-9]* - }" ;;
	"not ok "*) fail "golden ${line#not ok [0-9]* - }" ;;
	esac
done <"$work/golden.tap"
is "$rc" 0 "evaluation script exits 0"
done_testing
