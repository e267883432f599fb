// Package ac finds many byte strings at once, each case-sensitive or
// not (ASCII), without letting either kind slow the other down. A pattern
// set is split by length:
//
//   - Patterns of up to five bytes go into one dense DFA (built by
//     codegen/ac) over byte classes. With both kinds present it is the
//     product of a case-sensitive automaton and a folded one, so it is
//     exact for both and no hit needs confirming. Every state's row lives
//     in one []uint32 of next-row offsets; accepting states are numbered
//     last, so one comparison per byte spots a hit. A DFA step waits for
//     the previous table load, so texts are cut into four segments walked
//     in one interleaved loop, each starting a little early.
//   - Longer patterns are found by probing a hashed bit filter with the
//     case-folded four-byte window at every third text position: each
//     such pattern is filed under its windows at offsets 0 to 2, one of
//     which every occurrence puts on a probed position. A set bit leads
//     to a slot table of (pattern, offset) entries, each compared with the
//     text exactly (case-sensitive or not).
//
// The tables grow with the number of short patterns and distinct windows,
// not with the total pattern length: 30,000 ET Open contents take under
// 20 MB.
package ac
