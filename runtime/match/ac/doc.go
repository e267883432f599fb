// Package ac finds many byte strings at once, each case-sensitive or
// not (ASCII), without letting either kind slow the other down. Every
// step of a scan is an independent table load (no walk waits for the
// previous step's load, as an automaton's does). A pattern set is split
// by length:
//
//   - Patterns of up to six bytes go into a shift-or filter over byte
//     pairs with eight buckets (grouped by length), in the manner of
//     Hyperscan's FDR: each pair of adjacent text bytes looks up a word
//     saying, per bucket, at which distances before a pattern's end the
//     pair can stand; four consecutive words shifted into one state
//     leave a bucket's bit clear where a pattern of that bucket may end.
//     Pairs are exact (a caseless pattern enters both cases of its
//     letters), so a case-sensitive pattern's other-case spellings pass
//     no more often than other text. Candidates are confirmed through an
//     index of the bucket's patterns under their folded bytes. (Four
//     pairs cover five bytes; a six-byte pattern's first byte is left
//     to the confirmation.)
//   - Longer patterns are found by probing a hashed filter with the
//     case-folded five-byte window at every third text position: each
//     such pattern is filed under its windows at offsets 0 to 2, one of
//     which every occurrence puts on a probed position. Set bits lead
//     to a second filter of the keys proper, the eight-byte windows of
//     patterns of ten bytes or more (shorter windows occur in texts far
//     too often to stand for those), and from there to an index of
//     (pattern, offset) entries, each compared with the text exactly
//     (case-sensitive or not).
//
// On amd64 the two hot loops are in assembly (baseline x86-64, no CPU
// feature needed): Go's compiler spills and reloads in them what fits
// in registers, which cost the filter probe 40%. Elsewhere, and as the
// reference the assembly is tested against, they are in Go.
//
// The tables grow with the number of distinct windows, not with the
// total pattern length: 30,000 ET Open contents take about 6 MB, of
// which the pair table is 256 KB. Sets of fewer than 32 short patterns
// (most of the matchers of ET Open and CRS, about a hundred in all) get
// a pair table of 32 KB that tells the earlier byte of a pair only to
// within eight values.
package ac
