// Package ac is rulec's Aho-Corasick compiler: patterns to a complete
// DFA over byte classes, with each state's outputs. The kernel tier lays
// it out as the classifier's transition table (codegen/kernel). The
// userspace prefilter (runtime/match/ac) needs no automaton: it filters
// by table lookups that do not wait on each other, which a DFA walk
// cannot do.
package ac
