package waf

import "strconv"

// The response.
func init() {
	scalarVar("RESPONSE_STATUS", true, func(tx *Tx) (string, bool) {
		return strconv.Itoa(tx.status), tx.status != 0
	})
	scalarVar("RESPONSE_PROTOCOL", true, func(tx *Tx) (string, bool) { return tx.respProto, tx.status != 0 })
	scalarVar("STATUS_LINE", false, func(tx *Tx) (string, bool) {
		return tx.respProto + " " + strconv.Itoa(tx.status), tx.status != 0
	})
	scalarVar("RESPONSE_BODY", true, func(tx *Tx) (string, bool) { return tx.respBodyVar, tx.respBodyVarOK })
	scalarVar("RESPONSE_CONTENT_LENGTH", false, func(tx *Tx) (string, bool) {
		return tx.respHeaders.get("content-length")
	})
	scalarVar("RESPONSE_CONTENT_TYPE", false, func(tx *Tx) (string, bool) {
		return tx.respHeaders.get("content-type")
	})
	collectionVar("RESPONSE_HEADERS", 1, func(tx *Tx, _ int) *collection { return &tx.respHeaders })
	namesVar("RESPONSE_HEADERS_NAMES", "RESPONSE_HEADERS")
	flagVar("OUTBOUND_DATA_ERROR", func(*Tx) bool { return false })
}
