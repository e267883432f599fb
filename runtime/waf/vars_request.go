package waf

import "strconv"

// The request line, headers and cookies.
func init() {
	scalarVar("REQUEST_METHOD", true, func(tx *Tx) (string, bool) { return tx.method, true })
	scalarVar("REQUEST_URI", true, func(tx *Tx) (string, bool) { return tx.uri, true })
	scalarVar("REQUEST_URI_RAW", true, func(tx *Tx) (string, bool) { return tx.uriRaw, true })
	scalarVar("REQUEST_FILENAME", true, func(tx *Tx) (string, bool) { return tx.path, true })
	scalarVar("REQUEST_BASENAME", true, func(tx *Tx) (string, bool) { return tx.basename, true })
	scalarVar("REQUEST_LINE", true, func(tx *Tx) (string, bool) { return tx.line, true })
	scalarVar("REQUEST_PROTOCOL", true, func(tx *Tx) (string, bool) { return tx.proto, true })
	scalarVar("QUERY_STRING", true, func(tx *Tx) (string, bool) { return tx.query, true })
	scalarVar("PATH_INFO", true, func(*Tx) (string, bool) { return "", false })
	scalarVar("FULL_REQUEST_LENGTH", false, func(tx *Tx) (string, bool) {
		n := len(tx.line) + 2 + len(tx.reqBody) + 2
		for _, e := range tx.reqHeaders.items {
			n += len(e.key) + 2 + len(e.value) + 2
		}
		return strconv.Itoa(n), true
	})
	scalarVar("FULL_REQUEST", false, func(tx *Tx) (string, bool) {
		b := append(tx.scratchB[:0], tx.line...)
		b = append(b, "\r\n"...)
		for _, e := range tx.reqHeaders.items {
			b = append(append(append(append(b, e.key...), ": "...), e.value...), "\r\n"...)
		}
		b = append(append(b, "\r\n"...), tx.reqBody...)
		tx.scratchB = b
		return string(b), true
	})
	collectionVar("REQUEST_HEADERS", 1, func(tx *Tx, _ int) *collection { return &tx.reqHeaders })
	namesVar("REQUEST_HEADERS_NAMES", "REQUEST_HEADERS")
	collectionVar("REQUEST_COOKIES", 1, func(tx *Tx, _ int) *collection { return &tx.cookies })
	namesVar("REQUEST_COOKIES_NAMES", "REQUEST_COOKIES")
}
