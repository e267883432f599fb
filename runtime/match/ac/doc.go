// Package ac finds many byte strings at once: an Aho-Corasick automaton
// compiled to a dense DFA over byte classes. Every state's row lives in
// one []uint32 whose entries are the next state's row offset, so a step is
// one class lookup and one table load; states with outputs are numbered
// last, so a single comparison tells whether a step ended a pattern.
//
// A DFA step waits for the previous one's table load, so one walk is
// bound by memory latency. Long texts are therefore cut into four
// segments walked in one interleaved loop, each walk starting a little
// before its segment so that no pattern crossing a cut is missed.
// The automaton holds at most the first MaxKey bytes of each pattern,
// which bounds that overlap and the table size; longer patterns are
// confirmed against the text on a hit.
//
// Matching is case-insensitive in the automaton when any pattern is
// nocase; hits of case-sensitive patterns are then confirmed against the
// text too.
package ac
