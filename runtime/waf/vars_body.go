package waf

import "strconv"

// The request body and what its processor made of it.
func init() {
	scalarVar("REQUEST_BODY", true, func(tx *Tx) (string, bool) { return tx.reqBodyVar, tx.reqBodyVarSet })
	scalarVar("REQUEST_BODY_LENGTH", true, func(tx *Tx) (string, bool) {
		return strconv.Itoa(len(tx.reqBody)), tx.reqBodySet
	})
	scalarVar("REQBODY_PROCESSOR", false, func(tx *Tx) (string, bool) { return tx.reqBodyProcessor, true })
	for _, name := range []string{"REQBODY_ERROR", "REQBODY_PROCESSOR_ERROR"} {
		flagVar(name, func(tx *Tx) bool { return tx.reqBodyError != "" })
	}
	scalarVar("REQBODY_ERROR_MSG", false, func(tx *Tx) (string, bool) { return tx.reqBodyError, true })
	flagVar("INBOUND_DATA_ERROR", func(tx *Tx) bool { return tx.reqBodyLimitHit })
	flagVar("URLENCODED_ERROR", func(*Tx) bool { return false })
	collectionVar("XML", 1, func(tx *Tx, _ int) *collection { return &tx.xml })
}
