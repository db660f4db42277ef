;; MinHash kernel: for 16 permutations at a time, the minimum over all shingles of a·x + b (mod 2^32), as int32.
;; Four i32x4 accumulators keep 16 running minima in registers; each shingle is loaded once per 16 permutations.
;; The same arithmetic as the scalar loop in src/minhash.ts, so both give identical signatures.
(module
  (memory (export "memory") 1)
  ;; shingles: $n int32 at $sh; multipliers and increments: $perms int32 each at $a and $b;
  ;; out: $perms int32 at $out. $perms must be a multiple of 16.
  (func (export "sign") (param $sh i32) (param $n i32) (param $a i32) (param $b i32) (param $out i32) (param $perms i32)
    (local $p i32) (local $i i32) (local $end i32) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $end (i32.add (local.get $sh) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $p (i32.const 0))
    (block $perms_done
      (loop $perm_loop
        (br_if $perms_done (i32.ge_u (local.get $p) (local.get $perms)))
        (local.set $a0 (v128.load offset=0 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $b0 (v128.load offset=0 (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $b1 (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $b2 (v128.load offset=32 (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $b3 (v128.load offset=48 (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $m0 (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
        (local.set $m1 (local.get $m0))
        (local.set $m2 (local.get $m0))
        (local.set $m3 (local.get $m0))
        (local.set $i (local.get $sh))
        (block $shingles_done
          (loop $shingle_loop
            (br_if $shingles_done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $x (v128.load32_splat (local.get $i)))
            (local.set $m0 (i32x4.min_s (local.get $m0) (i32x4.add (i32x4.mul (local.get $a0) (local.get $x)) (local.get $b0))))
            (local.set $m1 (i32x4.min_s (local.get $m1) (i32x4.add (i32x4.mul (local.get $a1) (local.get $x)) (local.get $b1))))
            (local.set $m2 (i32x4.min_s (local.get $m2) (i32x4.add (i32x4.mul (local.get $a2) (local.get $x)) (local.get $b2))))
            (local.set $m3 (i32x4.min_s (local.get $m3) (i32x4.add (i32x4.mul (local.get $a3) (local.get $x)) (local.get $b3))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $shingle_loop)))
        (v128.store offset=0 (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2))) (local.get $m0))
        (v128.store offset=16 (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2))) (local.get $m1))
        (v128.store offset=32 (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2))) (local.get $m2))
        (v128.store offset=48 (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2))) (local.get $m3))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $perm_loop))))
)
