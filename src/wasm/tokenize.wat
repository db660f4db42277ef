;; Tokeniser kernel: the loop of Fingerprinter.tokenize (src/fingerprint.ts) over a text's UTF-16 units in memory, with
;; the same tables and the same arithmetic, so both give identical tokens, offsets and line keys (test/wasm.test.ts).
;; Per unit: fold it (table), class it (table), extend the word's FNV-1a hash or emit the word, and key the line.
;;
;; Memory: fold table (u16 per unit) at 0; class table (u8 per folded unit: 1 word unit, 2 line space) at 0x20000.
;; A fold entry of 0 for a unit other than 0 is not known yet: the kernel stops and returns -1, and the caller fills
;; the table for the text's units and runs it again.
(module
  (memory (export "memory") 4)
  ;; Line keys written by the last run.
  (global $lineCount (export "lineCount") (mut i32) (i32.const 0))
  ;; FNV-1a of the units, seeded with their count (textDigest), when the last run checked for ASCII.
  (global $digest (export "digest") (mut i32) (i32.const 0))
  ;; $flags: 1 key lines, 2 check that every unit is ASCII (return -2 at the first that is not) and take the digest.
  ;; Words' hashes go to $tok, their start and end offsets to $starts and $ends, line keys to $lines: each must have
  ;; room for (n >> 1) + 1 values. Returns the number of words, -1 (a fold entry missing) or -2 (not ASCII).
  (func (export "tokenize") (param $text i32) (param $n i32) (param $flags i32) (param $minLineWords i32)
        (param $tok i32) (param $starts i32) (param $ends i32) (param $lines i32) (result i32)
    (local $i i32) (local $c i32) (local $f i32) (local $cls i32)
    (local $count i32) (local $inWord i32) (local $start i32) (local $h i32)
    (local $lineCount i32) (local $lineHash i32) (local $lineWords i32) (local $afterText i32) (local $beforeSpace i32) (local $isSpace i32)
    (local $digest i32) (local $check i32) (local $withLines i32) (local $isWord i32) (local $ended i32) (local $begun i32)
    (local.set $check (i32.and (local.get $flags) (i32.const 2)))
    (local.set $withLines (i32.and (local.get $flags) (i32.const 1)))
    (local.set $digest (i32.xor (i32.const 0x811c9dc5) (local.get $n)))
    (local.set $lineHash (i32.const 0x811c9dc5))
    (loop $next
      ;; A line break after the last unit closes the last word and the last line.
      (if (i32.lt_u (local.get $i) (local.get $n))
        (then
          (local.set $c (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $i) (i32.const 1)))))
          (if (local.get $check)
            (then
              (if (i32.gt_u (local.get $c) (i32.const 127)) (then (return (i32.const -2))))
              (local.set $digest (i32.mul (i32.xor (local.get $digest) (local.get $c)) (i32.const 0x01000193))))))
        (else (local.set $c (i32.const 10))))
      (local.set $f (i32.load16_u (i32.shl (local.get $c) (i32.const 1))))
      (if (i32.and (i32.eqz (local.get $f)) (i32.ne (local.get $c) (i32.const 0)))
        (then (return (i32.const -1))))
      (local.set $cls (i32.load8_u offset=0x20000 (local.get $f)))
      ;; Branch-free: word boundaries come every few units, too irregular for a branch predictor. Each unit stores the
      ;; current word at slot $count, which only a word's end (then $ended is 1) keeps by moving $count on.
      (local.set $isWord (i32.and (local.get $cls) (i32.const 1)))
      (local.set $ended (i32.gt_u (local.get $inWord) (local.get $isWord)))
      (local.set $begun (i32.gt_u (local.get $isWord) (local.get $inWord)))
      (i32.store (i32.add (local.get $tok) (i32.shl (local.get $count) (i32.const 2))) (local.get $h))
      (i32.store (i32.add (local.get $starts) (i32.shl (local.get $count) (i32.const 2))) (local.get $start))
      (i32.store (i32.add (local.get $ends) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
      (local.set $count (i32.add (local.get $count) (local.get $ended)))
      (local.set $start (select (local.get $i) (local.get $start) (local.get $begun)))
      (local.set $lineWords (i32.add (local.get $lineWords) (local.get $begun)))
      (local.set $h
        (select
          (i32.mul (i32.xor (select (local.get $h) (i32.const 0x811c9dc5) (local.get $inWord)) (local.get $f)) (i32.const 0x01000193))
          (local.get $h)
          (local.get $isWord)))
      (local.set $inWord (local.get $isWord))
      (if (local.get $withLines)
        (then
          (if (i32.eq (local.get $c) (i32.const 10))
            (then
              ;; A line that ends in white space has hashed one space too many: its key is the hash before it.
              (if (i32.ge_u (local.get $lineWords) (local.get $minLineWords))
                (then
                  (i32.store (i32.add (local.get $lines) (i32.shl (local.get $lineCount) (i32.const 2)))
                    (select (local.get $lineHash) (local.get $beforeSpace) (local.get $afterText)))
                  (local.set $lineCount (i32.add (local.get $lineCount) (i32.const 1)))))
              (local.set $lineHash (i32.const 0x811c9dc5))
              (local.set $lineWords (i32.const 0))
              (local.set $afterText (i32.const 0)))
            (else
              ;; Branch-free too: a run of white space after text hashes one space (32) at its first unit; white space
              ;; before the line's text hashes nothing.
              (local.set $isSpace (i32.and (i32.shr_u (local.get $cls) (i32.const 1)) (i32.const 1)))
              (local.set $beforeSpace
                (select (local.get $lineHash) (local.get $beforeSpace) (i32.and (local.get $isSpace) (local.get $afterText))))
              (local.set $lineHash
                (select
                  (i32.mul
                    (i32.xor (local.get $lineHash) (select (i32.const 32) (local.get $f) (local.get $isSpace)))
                    (i32.const 0x01000193))
                  (local.get $lineHash)
                  (i32.or (i32.eqz (local.get $isSpace)) (local.get $afterText))))
              (local.set $afterText (i32.eqz (local.get $isSpace)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $i) (local.get $n))))
    (global.set $lineCount (local.get $lineCount))
    (global.set $digest (local.get $digest))
    (local.get $count))
)
