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
  ;; The sentence keys (src/sketch/sentence-keys.ts), for every sentence of a document in one call: over the content
  ;; words of each sentence (tokens $starts[s] … $starts[s + 1], or $count for the last), the minima of the first 16
  ;; permutations of each word's mixed hash, made into 8 band keys (rows 2b and 2b + 1: $bandKey), 8 int32 at $out for
  ;; each sentence with at least $minStems distinct words; returns how many sentences that is. With $dropStops a token
  ;; whose hash is in the stop table at $stops (open addressing: slot = (h·0x9e3779b1) >>> $stopShift, 0 marks an empty
  ;; slot) is passed over and a hash 0 counts as 1; without, a hash 0 is a stop word. $first: room for $minStems int32,
  ;; the sentence's first distinct words.
  (func $bandKey (param $lo i32) (param $hi i32) (param $band i32) (result i32)
    (local $h i32)
    (local.set $h (i32.xor (i32.xor (i32.mul (local.get $lo) (i32.const 31)) (local.get $hi)) (i32.mul (local.get $band) (i32.const 0x27d4eb2d))))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  (func (export "keySentences") (param $tokens i32) (param $count i32) (param $starts i32) (param $sentences i32)
    (param $stops i32) (param $stopShift i32) (param $dropStops i32) (param $minStems i32) (param $first i32)
    (param $a i32) (param $b i32) (param $out i32) (result i32)
    (local $s i32) (local $t i32) (local $end i32) (local $h i32) (local $distinct i32) (local $d i32) (local $seen i32)
    (local $runs i32) (local $at i32) (local $v v128) (local $slot i32) (local $held i32) (local $mask i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (i32.sub (i32.const 32) (local.get $stopShift))) (i32.const 1)))
    (local.set $a0 (v128.load offset=0 (local.get $a)))
    (local.set $a1 (v128.load offset=16 (local.get $a)))
    (local.set $a2 (v128.load offset=32 (local.get $a)))
    (local.set $a3 (v128.load offset=48 (local.get $a)))
    (local.set $b0 (v128.load offset=0 (local.get $b)))
    (local.set $b1 (v128.load offset=16 (local.get $b)))
    (local.set $b2 (v128.load offset=32 (local.get $b)))
    (local.set $b3 (v128.load offset=48 (local.get $b)))
    (block $sentences_done
      (loop $sentence_loop
        (br_if $sentences_done (i32.ge_u (local.get $s) (local.get $sentences)))
        (local.set $t (i32.load (i32.add (local.get $starts) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end
          (if (result i32) (i32.lt_u (i32.add (local.get $s) (i32.const 1)) (local.get $sentences))
            (then (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $s) (i32.const 2)))))
            (else (local.get $count))))
        (local.set $distinct (i32.const 0))
        (local.set $m0 (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
        (local.set $m1 (local.get $m0))
        (local.set $m2 (local.get $m0))
        (local.set $m3 (local.get $m0))
        (block $tokens_done
          (loop $token_loop
            (br_if $tokens_done (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $h (i32.load (i32.add (local.get $tokens) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (if (local.get $dropStops)
              (then
                (if (i32.eqz (local.get $h))
                  (then (local.set $h (i32.const 1)))
                  (else
                    ;; The stop table, probed from the hash's slot to an empty one (inline: calls are not inlined).
                    (local.set $slot (i32.shr_u (i32.mul (local.get $h) (i32.const 0x9e3779b1)) (local.get $stopShift)))
                    (block $not_stop
                      (loop $probe
                        (local.set $held (i32.load (i32.add (local.get $stops) (i32.shl (local.get $slot) (i32.const 2)))))
                        (br_if $not_stop (i32.eqz (local.get $held)))
                        (br_if $token_loop (i32.eq (local.get $held) (local.get $h)))
                        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
                        (br $probe))))))
              (else (br_if $token_loop (i32.eqz (local.get $h)))))
            (if (i32.lt_u (local.get $distinct) (local.get $minStems))
              (then
                (local.set $seen (i32.const 0))
                (local.set $d (i32.const 0))
                (block $looked
                  (loop $look
                    (br_if $looked (i32.ge_u (local.get $d) (local.get $distinct)))
                    (if (i32.eq (i32.load (i32.add (local.get $first) (i32.shl (local.get $d) (i32.const 2)))) (local.get $h))
                      (then (local.set $seen (i32.const 1)) (br $looked)))
                    (local.set $d (i32.add (local.get $d) (i32.const 1)))
                    (br $look)))
                (if (i32.eqz (local.get $seen))
                  (then
                    (i32.store (i32.add (local.get $first) (i32.shl (local.get $distinct) (i32.const 2))) (local.get $h))
                    (local.set $distinct (i32.add (local.get $distinct) (i32.const 1)))))))
            ;; The word's mixed hash (sentence-keys.ts mix).
            (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
            (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
            (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
            (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
            (local.set $v (i32x4.splat (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16)))))
            (local.set $m0 (i32x4.min_s (local.get $m0) (i32x4.add (i32x4.mul (local.get $a0) (local.get $v)) (local.get $b0))))
            (local.set $m1 (i32x4.min_s (local.get $m1) (i32x4.add (i32x4.mul (local.get $a1) (local.get $v)) (local.get $b1))))
            (local.set $m2 (i32x4.min_s (local.get $m2) (i32x4.add (i32x4.mul (local.get $a2) (local.get $v)) (local.get $b2))))
            (local.set $m3 (i32x4.min_s (local.get $m3) (i32x4.add (i32x4.mul (local.get $a3) (local.get $v)) (local.get $b3))))
            (br $token_loop)))
        (if (i32.ge_u (local.get $distinct) (local.get $minStems))
          (then
            ;; Band b (1-based in the key's arithmetic) of rows 2b and 2b + 1: lanes of m0 … m3 in order.
            (local.set $at (i32.add (local.get $out) (i32.shl (local.get $runs) (i32.const 5))))
            (i32.store offset=0 (local.get $at) (call $bandKey (i32x4.extract_lane 0 (local.get $m0)) (i32x4.extract_lane 1 (local.get $m0)) (i32.const 1)))
            (i32.store offset=4 (local.get $at) (call $bandKey (i32x4.extract_lane 2 (local.get $m0)) (i32x4.extract_lane 3 (local.get $m0)) (i32.const 2)))
            (i32.store offset=8 (local.get $at) (call $bandKey (i32x4.extract_lane 0 (local.get $m1)) (i32x4.extract_lane 1 (local.get $m1)) (i32.const 3)))
            (i32.store offset=12 (local.get $at) (call $bandKey (i32x4.extract_lane 2 (local.get $m1)) (i32x4.extract_lane 3 (local.get $m1)) (i32.const 4)))
            (i32.store offset=16 (local.get $at) (call $bandKey (i32x4.extract_lane 0 (local.get $m2)) (i32x4.extract_lane 1 (local.get $m2)) (i32.const 5)))
            (i32.store offset=20 (local.get $at) (call $bandKey (i32x4.extract_lane 2 (local.get $m2)) (i32x4.extract_lane 3 (local.get $m2)) (i32.const 6)))
            (i32.store offset=24 (local.get $at) (call $bandKey (i32x4.extract_lane 0 (local.get $m3)) (i32x4.extract_lane 1 (local.get $m3)) (i32.const 7)))
            (i32.store offset=28 (local.get $at) (call $bandKey (i32x4.extract_lane 2 (local.get $m3)) (i32x4.extract_lane 3 (local.get $m3)) (i32.const 8)))
            (local.set $runs (i32.add (local.get $runs) (i32.const 1)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sentence_loop)))
    (local.get $runs))
)
