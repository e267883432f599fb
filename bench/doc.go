// Package bench measures rulec's runtime pieces against peer libraries.
// It is a module of its own so that the peers stay out of rulec's go.mod.
//
// The benchmarks read the ET Open corpus from $RULEC_CORPUS, or from
// ../../shared/corpus beside the project when that is unset.
package bench
