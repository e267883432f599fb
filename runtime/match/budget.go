package match

import (
	"sync/atomic"
	"time"
)

// Budgets of the backtracking regex engine, in wall time. A search starts
// only while both hold; it is itself bounded by pcre.SearchTimeout, so one
// unit never spends more than UnitBudget plus one search on backtracking,
// whatever the rules and the traffic.
const (
	// UnitBudget is the backtracking time of one inspection unit, all
	// rules together.
	UnitBudget = 2 * time.Millisecond
	// RuleBudget is the backtracking time of one rule on one unit, so one
	// costly rule leaves the rest of the unit's budget to the others.
	RuleBudget = time.Millisecond
)

// now is the clock the budgets are measured with.
var now = time.Now

// btBudget is what one unit has spent on backtracking searches, in total
// and for the rule being evaluated.
type btBudget struct {
	unit, rule time.Duration
	counts     *btCounts
}

// btCounts are an engine's counts of cut searches, shared by its
// concurrent Match calls.
type btCounts struct {
	timeouts  atomic.Uint64 // searches stopped by pcre.SearchTimeout
	overspent atomic.Uint64 // rule evaluations cut because a budget was spent
}

// backtrack runs one search of a backtracking regex within the budgets.
// It reports false, and stops the inspection's retries (Suricata's
// match limit: no match, no retries), when a budget is spent or the search
// timed out.
func (in *inspector) backtrack(search func() error) bool {
	b := in.budget
	if b.unit >= UnitBudget || b.rule >= RuleBudget {
		b.counts.overspent.Add(1)
		in.stop = true
		return false
	}
	start := now()
	err := search()
	d := now().Sub(start)
	b.unit += d
	b.rule += d
	if err != nil {
		b.counts.timeouts.Add(1)
		in.stop = true
		return false
	}
	return true
}

// Limits counts the backtracking searches the budgets cut short and the
// dataset additions refused at a set's memcap, for the run summary, stats
// and metrics.
func (e *Engine) Limits() map[string]uint64 {
	return map[string]uint64{
		"pcre_timeouts":       e.bt.timeouts.Load(),
		"pcre_budget_reached": e.bt.overspent.Load(),
		"dataset_memcap":      e.datasetFull.Load(),
	}
}
