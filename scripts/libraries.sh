# Sourced by the training scripts: simulates a library once and reuses it when one of that size exists.
# Usage: ensure_library MODEL N SEED DIR
ensure_library() {
  local model="$1" n="$2" seed="$3" dir="$4"
  if [[ -f "$dir/library.json" ]] && grep -q "\"n\" : $n," "$dir/library.json" \
     && grep -q "\"seed\" : $seed," "$dir/library.json" && grep -q "\"model\" : \"$model\"" "$dir/library.json"; then
    echo "reusing library $dir ($model, n $n, seed $seed)"
    return
  fi
  ./sedstream simulate --model "$model" --n "$n" --seed "$seed" --noise deep --out "$dir" --overwrite --no-progress
}
