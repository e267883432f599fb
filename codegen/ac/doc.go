// Package ac is rulec's one Aho-Corasick compiler: patterns to a complete
// DFA over byte classes, with each state's outputs. The kernel tier lays
// it out as the classifier's transition table (codegen/kernel); the
// userspace prefilter (runtime/match/ac) builds its short-pattern
// automaton from it.
package ac
