;; Tokeniser kernel: the loop of Fingerprinter.tokenize (src/fingerprint.ts) over a text's UTF-16 units in memory, with
;; the same tables and the same arithmetic, so both give identical tokens, offsets and line keys (test/wasm.test.ts).
;;
;; Memory: a u32 entry per UTF-16 unit at 0: its folded unit (low 16 bits), 0x10000 if that is a word unit, 0x20000 if
;; it is line space (never both), and 0x40000. An entry of 0 is a unit whose fold is not known yet: the kernel stops
;; and returns -1, and the caller fills the table for the text's units and runs it again. Spelling variants at 0x40000
;; (see $canonical). The text is at 0x44000, with room for one unit more, where the kernel puts a line break; the unit
;; after that is read but not used.
(module
  (memory (export "memory") 5)
  ;; Line keys written by the last run.
  (global $lineCount (export "lineCount") (mut i32) (i32.const 0))
  ;; FNV-1a of the units, seeded with their count (textDigest): the text's digest when it is ASCII.
  (global $digest (export "digest") (mut i32) (i32.const 0))
  ;; $flags: 1 key lines, 2 check that every unit is ASCII (return -2 if one is not).
  ;; Words' hashes go to $tok, their start and end offsets to $starts and $ends, line keys to $lines: each must have
  ;; room for (n >> 1) + 1 values. Returns the number of words, -1 (a fold entry missing) or -2 (not ASCII).
  ;; Spelling variants (src/tokenize.ts canonicalTokenHash), written by the caller: at 0x40000 a bit per value of a
  ;; hash's low 16 bits, set for every variant's hash; at 0x42000 1024 slots of (variant hash, canonical hash), at slot
  ;; (hash * 0x9e3779b1) >>> 22 or the first free one after it. A free slot is (0, 0): a hash of 0 meets (0, 0) or
  ;; its own slot before any free one, and maps to 0 either way.
  (func $canonical (param $h i32) (result i32)
    (local $at i32) (local $key i32)
    (local.set $at (i32.shl (i32.shr_u (i32.mul (local.get $h) (i32.const 0x9e3779b1)) (i32.const 22)) (i32.const 3)))
    (loop $probe
      (local.set $key (i32.load offset=0x42000 (local.get $at)))
      (if (i32.eq (local.get $key) (local.get $h)) (then (return (i32.load offset=0x42004 (local.get $at)))))
      (if (i32.eqz (i32.or (local.get $key) (i32.load offset=0x42004 (local.get $at)))) (then (return (local.get $h))))
      (local.set $at (i32.and (i32.add (local.get $at) (i32.const 8)) (i32.const 0x1fff)))
      (br $probe))
    (unreachable))

  (func (export "tokenize") (param $n i32) (param $flags i32) (param $minLineWords i32)
        (param $tok i32) (param $starts i32) (param $ends i32) (param $lines i32) (result i32)
    (local $i i32) (local $c i32) (local $e i32) (local $f i32) (local $count i32) (local $start i32) (local $h i32)
    (local $digest i32) (local $lineHash i32) (local $beforeSpace i32) (local $afterText i32) (local $lineStart i32)
    (local $lineCount i32) (local $c1 i32) (local $e1 i32) (local $high v128)
    (if (i32.and (local.get $flags) (i32.const 2))
      (then
        ;; Before the main loop, which then need not test each unit: eight units at a time, OR them all, then look for
        ;; a bit above 127.
        (block $tail
          (loop $eight
            (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
            (local.set $high (v128.or (local.get $high) (v128.load offset=0x44000 (i32.shl (local.get $i) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $eight)))
        (block $checked
          (loop $one
            (br_if $checked (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $c (i32.or (local.get $c) (i32.load16_u offset=0x44000 (i32.shl (local.get $i) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $one)))
        (if (i32.or (i32.gt_u (local.get $c) (i32.const 127))
                    (v128.any_true (v128.and (local.get $high) (v128.const i16x8 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80))))
          (then (return (i32.const -2))))
        (local.set $i (i32.const 0))))
    ;; Without line keys, no line has enough words.
    (if (i32.eqz (i32.and (local.get $flags) (i32.const 1))) (then (local.set $minLineWords (i32.const -1))))
    ;; A line break after the last unit closes the last word and the last line, and ends the loop.
    (i32.store16 offset=0x44000 (i32.shl (local.get $n) (i32.const 1)) (i32.const 10))
    (local.set $digest (i32.xor (i32.const 0x811c9dc5) (local.get $n)))
    (local.set $lineHash (i32.const 0x811c9dc5))
    (local.set $beforeSpace (i32.const 0x811c9dc5))
    (block $end
      (loop $unit
        (local.set $c (i32.load16_u offset=0x44000 (i32.shl (local.get $i) (i32.const 1))))
        (local.set $e (i32.load (i32.shl (local.get $c) (i32.const 2))))
        (if (i32.and (local.get $e) (i32.const 0x10000))
          (then
            ;; A word, in a loop of its own that does only what its units need (few locals live, so V8 keeps them in
            ;; registers), and stores it at its end: one mispredicted exit per word costs less than the branch-free
            ;; update and three stores per unit this loop replaced. Its units are text of the line too. It loads each
            ;; unit a step ahead, so the exit test need not wait for two loads in a row. The unit it stops at, not a
            ;; word unit, goes on below.
            (local.set $start (local.get $i))
            (local.set $h (i32.const 0x811c9dc5))
            (local.set $c1 (i32.load16_u offset=0x44002 (i32.shl (local.get $i) (i32.const 1))))
            (local.set $e1 (i32.load (i32.shl (local.get $c1) (i32.const 2))))
            (loop $word
              (local.set $f (i32.and (local.get $e) (i32.const 0xffff)))
              (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $f)) (i32.const 0x01000193)))
              (local.set $lineHash (i32.mul (i32.xor (local.get $lineHash) (local.get $f)) (i32.const 0x01000193)))
              (local.set $digest (i32.mul (i32.xor (local.get $digest) (local.get $c)) (i32.const 0x01000193)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $c (local.get $c1))
              (local.set $e (local.get $e1))
              (local.set $c1 (i32.load16_u offset=0x44002 (i32.shl (local.get $i) (i32.const 1))))
              (local.set $e1 (i32.load (i32.shl (local.get $c1) (i32.const 2))))
              (br_if $word (i32.and (local.get $e) (i32.const 0x10000))))
            ;; A spelling variant's hash becomes its canonical spelling's: the bit of its low 16 bits is clear for
            ;; almost every word, which spares it the look-up.
            (if (i32.and (i32.shr_u (i32.load offset=0x40000 (i32.and (i32.shr_u (local.get $h) (i32.const 3)) (i32.const 0x1ffc)))
                                    (local.get $h))
                         (i32.const 1))
              (then (local.set $h (call $canonical (local.get $h)))))
            (i32.store (i32.add (local.get $tok) (i32.shl (local.get $count) (i32.const 2))) (local.get $h))
            (i32.store (i32.add (local.get $starts) (i32.shl (local.get $count) (i32.const 2))) (local.get $start))
            (i32.store (i32.add (local.get $ends) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $afterText (i32.const 1))))
        (if (i32.eqz (local.get $e)) (then (return (i32.const -1))))
        (if (i32.eq (local.get $c) (i32.const 10))
          (then
            ;; A line that ends in white space has hashed one space too many: its key is the hash before it.
            (if (i32.ge_u (i32.sub (local.get $count) (local.get $lineStart)) (local.get $minLineWords))
              (then
                (i32.store (i32.add (local.get $lines) (i32.shl (local.get $lineCount) (i32.const 2)))
                  (select (local.get $lineHash) (local.get $beforeSpace) (local.get $afterText)))
                (local.set $lineCount (i32.add (local.get $lineCount) (i32.const 1)))))
            (br_if $end (i32.eq (local.get $i) (local.get $n)))
            (local.set $lineHash (i32.const 0x811c9dc5))
            (local.set $beforeSpace (i32.const 0x811c9dc5))
            (local.set $lineStart (local.get $count))
            (local.set $afterText (i32.const 0)))
          (else
            ;; A run of white space after text hashes one space (32) at its first unit; white space before the line's
            ;; text hashes nothing.
            (if (i32.and (local.get $e) (i32.const 0x20000))
              (then
                (if (local.get $afterText)
                  (then
                    (local.set $beforeSpace (local.get $lineHash))
                    (local.set $lineHash (i32.mul (i32.xor (local.get $lineHash) (i32.const 32)) (i32.const 0x01000193)))
                    (local.set $afterText (i32.const 0)))))
              (else
                (local.set $lineHash (i32.mul (i32.xor (local.get $lineHash) (i32.and (local.get $e) (i32.const 0xffff))) (i32.const 0x01000193)))
                (local.set $afterText (i32.const 1))))))
        (local.set $digest (i32.mul (i32.xor (local.get $digest) (local.get $c)) (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $unit)))
    (global.set $lineCount (local.get $lineCount))
    (global.set $digest (local.get $digest))
    (local.get $count))

  ;; First token of each sentence of the last tokenize(), as src/text/tokenize.ts sentenceStartsOf finds them in the text
  ;; still at 0x44000: token 0, and each token whose gap from the one before holds . ! ? followed by white space, or a
  ;; blank line. $count tokens' offsets at $starts and $ends; the sentence starts go to $out. Returns their number.
  (func (export "sentenceStarts") (param $starts i32) (param $ends i32) (param $count i32) (param $out i32) (result i32)
    (local $t i32) (local $n i32) (local $i i32) (local $j i32) (local $to i32) (local $c i32) (local $d i32)
    (local $newlines i32) (local $ends_it i32)
    (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
    (i32.store (local.get $out) (i32.const 0))
    (local.set $n (i32.const 1))
    (local.set $t (i32.const 1))
    (block $tokens_done
      (loop $token
        (br_if $tokens_done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $ends) (i32.shl (i32.sub (local.get $t) (i32.const 1)) (i32.const 2)))))
        (local.set $to (i32.load (i32.add (local.get $starts) (i32.shl (local.get $t) (i32.const 2)))))
        ;; Most gaps are one space; a gap that ends a sentence takes two units at least.
        (if (i32.ge_s (i32.sub (local.get $to) (local.get $i)) (i32.const 2))
          (then
            (local.set $newlines (i32.const 0))
            (local.set $ends_it (i32.const 0))
            (block $gap_done
              (loop $gap
                (br_if $gap_done (i32.ge_u (local.get $i) (local.get $to)))
                (local.set $c (i32.load16_u offset=0x44000 (i32.shl (local.get $i) (i32.const 1))))
                (if (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.or (i32.eq (local.get $c) (i32.const 33)) (i32.eq (local.get $c) (i32.const 63))))
                  (then
                    ;; Any white space after it in the gap ends the sentence.
                    (local.set $j (i32.add (local.get $i) (i32.const 1)))
                    (block $after_done
                      (loop $after
                        (br_if $after_done (i32.ge_u (local.get $j) (local.get $to)))
                        (local.set $d (i32.load16_u offset=0x44000 (i32.shl (local.get $j) (i32.const 1))))
                        (if (i32.or (i32.or (i32.eq (local.get $d) (i32.const 32)) (i32.eq (local.get $d) (i32.const 10)))
                                    (i32.or (i32.eq (local.get $d) (i32.const 13)) (i32.eq (local.get $d) (i32.const 9))))
                          (then (local.set $ends_it (i32.const 1)) (br $gap_done)))
                        (local.set $j (i32.add (local.get $j) (i32.const 1)))
                        (br $after))))
                  (else
                    (if (i32.eq (local.get $c) (i32.const 10))
                      (then
                        (local.set $newlines (i32.add (local.get $newlines) (i32.const 1)))
                        (if (i32.ge_u (local.get $newlines) (i32.const 2))
                          (then (local.set $ends_it (i32.const 1)) (br $gap_done))))
                      (else
                        ;; Only white space between two newlines makes a blank line.
                        (if (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 13))
                                             (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))))
                          (then (local.set $newlines (i32.const 0))))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $gap)))
            (if (local.get $ends_it)
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $t))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $token)))
    (local.get $n))

  ;; Shingle hashes of the $n token hashes at $tok, written to $out (room for $n): src/shingle.ts shingleHashesInto's
  ;; arithmetic, for $k >= 1. Four windows at a time in SIMD lanes (window i + 1's tokens are window i's, one token on),
  ;; the usual k = 5 written out; the last few windows one at a time. Returns the count.
  (func (export "shingles") (param $tok i32) (param $n i32) (param $k i32) (param $out i32) (result i32)
    (local $count i32) (local $end i32) (local $h i32) (local $p i32) (local $q i32) (local $v v128) (local $m v128)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (if (i32.gt_u (local.get $k) (local.get $n)) (then (local.set $k (local.get $n))))
    (local.set $count (i32.add (i32.sub (local.get $n) (local.get $k)) (i32.const 1)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $m (i32x4.splat (i32.const 0x5bd1e995)))
    (if (i32.ge_u (local.get $count) (i32.const 4))
      (then
        (if (i32.eq (local.get $k) (i32.const 5))
          (then
            (loop $five
              (local.set $v (i32x4.splat (i32.const 5)))
              (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load offset=0 (local.get $tok))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
              (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load offset=4 (local.get $tok))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
              (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load offset=8 (local.get $tok))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
              (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load offset=12 (local.get $tok))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
              (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load offset=16 (local.get $tok))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
              (v128.store (local.get $out) (call $fmix32x4 (local.get $v)))
              (local.set $tok (i32.add (local.get $tok) (i32.const 16)))
              (local.set $out (i32.add (local.get $out) (i32.const 16)))
              (br_if $five (i32.le_u (i32.add (local.get $out) (i32.const 16)) (local.get $end)))))
          (else
            (loop $windows
              (local.set $v (i32x4.splat (local.get $k)))
              (local.set $p (local.get $tok))
              (local.set $q (i32.add (local.get $tok) (i32.shl (local.get $k) (i32.const 2))))
              (loop $token
                (local.set $v (v128.xor (i32x4.mul (v128.xor (local.get $v) (v128.load (local.get $p))) (local.get $m)) (i32x4.shr_u (local.get $v) (i32.const 13))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br_if $token (i32.lt_u (local.get $p) (local.get $q))))
              (v128.store (local.get $out) (call $fmix32x4 (local.get $v)))
              (local.set $tok (i32.add (local.get $tok) (i32.const 16)))
              (local.set $out (i32.add (local.get $out) (i32.const 16)))
              (br_if $windows (i32.le_u (i32.add (local.get $out) (i32.const 16)) (local.get $end))))))))
    (block $done
      (loop $window
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $h (local.get $k))
        (local.set $p (local.get $tok))
        (local.set $q (i32.add (local.get $tok) (i32.shl (local.get $k) (i32.const 2))))
        (loop $token
          (local.set $h (i32.xor (i32.mul (i32.xor (local.get $h) (i32.load (local.get $p))) (i32.const 0x5bd1e995)) (i32.shr_u (local.get $h) (i32.const 13))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $token (i32.lt_u (local.get $p) (local.get $q))))
        (i32.store (local.get $out) (call $fmix32 (local.get $h)))
        (local.set $tok (i32.add (local.get $tok) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $window)))
    (local.get $count))

  ;; $fmix32 in four lanes.
  (func $fmix32x4 (param $h v128) (result v128)
    (local.set $h (i32x4.mul (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))) (i32x4.splat (i32.const 0x85ebca6b))))
    (local.set $h (i32x4.mul (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13))) (i32x4.splat (i32.const 0xc2b2ae35))))
    (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))

  ;; Murmur3's finaliser (src/shingle.ts fmix32).
  (func $fmix32 (param $h i32) (result i32)
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; Number of distinct values among the $n at $values, counted in an open-addressing table at $table (room for the
  ;; power of two from 4 * $n up: a third faster than from 2 * $n, fewer probes), cleared first; 0 marks a free slot,
  ;; so a value of 0 is counted apart. Values are well-mixed hashes: their low bits index the table.
  (func (export "distinct") (param $values i32) (param $n i32) (param $table i32) (result i32)
    (local $mask i32) (local $end i32) (local $v i32) (local $at i32) (local $key i32) (local $distinct i32) (local $zero i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (i32.sub (i32.const 32) (i32.clz (i32.sub (i32.shl (local.get $n) (i32.const 2)) (i32.const 1))))) (i32.const 1)))
    (memory.fill (local.get $table) (i32.const 0) (i32.shl (i32.add (local.get $mask) (i32.const 1)) (i32.const 2)))
    (local.set $mask (i32.shl (local.get $mask) (i32.const 2)))
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $n) (i32.const 2))))
    (loop $value
      (local.set $v (i32.load (local.get $values)))
      (if (local.get $v)
        (then
          (local.set $at (i32.and (i32.shl (local.get $v) (i32.const 2)) (local.get $mask)))
          (block $placed
            (loop $probe
              (local.set $key (i32.load (i32.add (local.get $table) (local.get $at))))
              (br_if $placed (i32.eq (local.get $key) (local.get $v)))
              (if (i32.eqz (local.get $key))
                (then
                  (i32.store (i32.add (local.get $table) (local.get $at)) (local.get $v))
                  (local.set $distinct (i32.add (local.get $distinct) (i32.const 1)))
                  (br $placed)))
              (local.set $at (i32.and (i32.add (local.get $at) (i32.const 4)) (local.get $mask)))
              (br $probe))))
        (else (local.set $zero (i32.const 1))))
      (local.set $values (i32.add (local.get $values) (i32.const 4)))
      (br_if $value (i32.lt_u (local.get $values) (local.get $end))))
    (i32.add (local.get $distinct) (local.get $zero)))
)
