;; One pass of a stable LSD radix sort of rows of two u32 columns, the row-sort kernel (src/sketch/row-sort.ts).
;; JavaScript's own loop checks the bounds of every typed-array read and write; this one does not.
(module
  (memory (export "memory") 1)
  ;; Moves rows [0, n) of (srcK, srcV) to (dstK, dstV), ordered by the digit (row >>> shift) & mask of column $by (0 the
  ;; first, 1 the second), rows of one digit in the order they came. $hist has room for mask + 1 u32 counts. Returns 0,
  ;; having moved nothing, when every row has the same digit; else 1.
  (func (export "pass") (param $srcK i32) (param $srcV i32) (param $dstK i32) (param $dstV i32) (param $n i32)
        (param $by i32) (param $shift i32) (param $mask i32) (param $hist i32) (result i32)
    (local $d i32) (local $sum i32) (local $c i32) (local $src i32) (local $p i32) (local $at i32) (local $end i32) (local $e i32)
    (local.set $d (i32.const 0))
    (block $cleared (loop $clear
      (br_if $cleared (i32.gt_u (local.get $d) (local.get $mask)))
      (i32.store (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))) (i32.const 0))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $clear)))
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $src (select (local.get $srcV) (local.get $srcK) (local.get $by)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $p (local.get $src))
    (block $counted (loop $count
      (br_if $counted (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $at (i32.add (local.get $hist)
        (i32.shl (i32.and (i32.shr_u (i32.load (local.get $p)) (local.get $shift)) (local.get $mask)) (i32.const 2))))
      (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $count)))
    ;; A digit every row has alike orders nothing.
    (if (i32.eq (i32.load (i32.add (local.get $hist)
          (i32.shl (i32.and (i32.shr_u (i32.load (local.get $src)) (local.get $shift)) (local.get $mask)) (i32.const 2))))
          (local.get $n))
      (then (return (i32.const 0))))
    ;; Exclusive prefix sums: where each digit's first row goes.
    (local.set $d (i32.const 0))
    (local.set $sum (i32.const 0))
    (block $summed (loop $sum_up
      (br_if $summed (i32.gt_u (local.get $d) (local.get $mask)))
      (local.set $at (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $c (i32.load (local.get $at)))
      (i32.store (local.get $at) (local.get $sum))
      (local.set $sum (i32.add (local.get $sum) (local.get $c)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $sum_up)))
    (local.set $e (i32.const 0))
    (block $moved (loop $move
      (br_if $moved (i32.ge_u (local.get $e) (local.get $n)))
      (local.set $p (i32.shl (local.get $e) (i32.const 2)))
      (local.set $at (i32.add (local.get $hist)
        (i32.shl (i32.and (i32.shr_u (i32.load (i32.add (local.get $src) (local.get $p))) (local.get $shift)) (local.get $mask)) (i32.const 2))))
      (local.set $c (i32.load (local.get $at)))
      (i32.store (local.get $at) (i32.add (local.get $c) (i32.const 1)))
      (local.set $c (i32.shl (local.get $c) (i32.const 2)))
      (i32.store (i32.add (local.get $dstK) (local.get $c)) (i32.load (i32.add (local.get $srcK) (local.get $p))))
      (i32.store (i32.add (local.get $dstV) (local.get $c)) (i32.load (i32.add (local.get $srcV) (local.get $p))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $move)))
    (i32.const 1))
  ;; Splits rows [0, n) given as pairs (key, value, key, value …) at $src into the columns $dstK and $dstV.
  (func (export "split") (param $src i32) (param $n i32) (param $dstK i32) (param $dstV i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (i32.store (local.get $dstK) (i32.load (local.get $src)))
      (i32.store (local.get $dstV) (i32.load offset=4 (local.get $src)))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $dstK (i32.add (local.get $dstK) (i32.const 4)))
      (local.set $dstV (i32.add (local.get $dstV) (i32.const 4)))
      (br $next)))))
