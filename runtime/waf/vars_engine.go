package waf

import (
	"strconv"
	"time"
)

// The engine's own variables and collections.
func init() {
	collectionVar("TX", 1, func(tx *Tx, _ int) *collection { return &tx.txVars })
	scalarVar("MATCHED_VAR", false, func(tx *Tx) (string, bool) { return tx.matchedVar, true })
	scalarVar("MATCHED_VAR_NAME", false, func(tx *Tx) (string, bool) { return tx.matchedVarName, true })
	collectionVar("MATCHED_VARS", 1, func(tx *Tx, _ int) *collection { return &tx.matchedVars })
	namesVar("MATCHED_VARS_NAMES", "MATCHED_VARS")
	scalarVar("UNIQUE_ID", true, func(tx *Tx) (string, bool) { return tx.id, true })
	scalarVar("DURATION", false, func(tx *Tx) (string, bool) {
		return strconv.FormatInt(time.Since(tx.start).Microseconds(), 10), true
	})
	scalarVar("HIGHEST_SEVERITY", false, func(tx *Tx) (string, bool) { return strconv.Itoa(tx.highest), true })
	scalarVar("MODSEC_BUILD", true, func(*Tx) (string, bool) { return "020900", true })
	scalarVar("WEBSERVER_ERROR_LOG", true, func(*Tx) (string, bool) { return "", false })
	collectionVar("RULE", 1, func(tx *Tx, _ int) *collection { return tx.ruleCollection() })
	collectionVar("ENV", 1, func(tx *Tx, _ int) *collection { return &tx.empty })
	collectionVar("GEO", 1, func(tx *Tx, _ int) *collection { return &tx.empty })
	for _, name := range persistent {
		collectionVar(name, 1, func(tx *Tx, _ int) *collection { return tx.namedCollection(name) })
	}
}

// persistent are ModSecurity's persistent collections. This engine keeps
// them for the transaction only: setvar and initcol work on them, nothing
// is stored between transactions.
var persistent = []string{"IP", "GLOBAL", "SESSION", "USER", "RESOURCE"}

func (tx *Tx) namedCollection(name string) *collection {
	if tx.named == nil {
		tx.named = map[string]*collection{}
	}
	c := tx.named[name]
	if c == nil {
		c = &collection{}
		tx.named[name] = c
	}
	return c
}

// ruleCollection fills RULE with the running rule's id, msg, rev,
// severity and logdata.
func (tx *Tx) ruleCollection() *collection {
	c := &tx.ruleColl
	c.reset()
	if r := tx.cur; r != nil {
		c.add("id", strconv.FormatUint(r.id, 10), -1)
		c.add("rev", strconv.FormatUint(r.rev, 10), -1)
		c.add("severity", r.severity, -1)
		c.add("msg", r.msgRaw, -1)
		c.add("logdata", r.logdataRaw, -1)
	}
	return c
}

func init() {
	for name, get := range map[string]func(t time.Time) string{
		"TIME":       func(t time.Time) string { return t.Format("15:04:05") },
		"TIME_DAY":   func(t time.Time) string { return strconv.Itoa(t.Day()) },
		"TIME_EPOCH": func(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) },
		"TIME_HOUR":  func(t time.Time) string { return strconv.Itoa(t.Hour()) },
		"TIME_MIN":   func(t time.Time) string { return strconv.Itoa(t.Minute()) },
		"TIME_MON":   func(t time.Time) string { return strconv.Itoa(int(t.Month())) },
		"TIME_SEC":   func(t time.Time) string { return strconv.Itoa(t.Second()) },
		"TIME_WDAY":  func(t time.Time) string { return strconv.Itoa(int(t.Weekday())) },
		"TIME_YEAR":  func(t time.Time) string { return strconv.Itoa(t.Year()) },
	} {
		scalarVar(name, false, func(tx *Tx) (string, bool) { return get(tx.start), true })
	}
}
