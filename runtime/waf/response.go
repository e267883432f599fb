package waf

import "strings"

// AddResponseHeader adds one response header.
func (tx *Tx) AddResponseHeader(name, value string) {
	if name != "" {
		tx.addEntry(&tx.respHeaders, name, value)
	}
}

// ProcessResponseHeaders records the status and protocol and runs phase 3.
func (tx *Tx) ProcessResponseHeaders(status int, proto string) *Interruption {
	tx.status, tx.respProto = status, proto
	if tx.interruption == nil {
		tx.runPhase(3)
	}
	return tx.interruption
}

// ResponseBodyInspectable reports whether the response body will be
// inspected: body access is on and the Content-Type is one of the
// configured media types.
func (tx *Tx) ResponseBodyInspectable() bool {
	if !tx.respAccess {
		return false
	}
	ct, _ := tx.respHeaders.get("content-type")
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	for _, m := range tx.w.cfg.ResponseBodyMimeTypes {
		if strings.EqualFold(m, mt) {
			return true
		}
	}
	return false
}

// WriteResponseBody buffers response body bytes up to the limit when the
// body is inspectable; it returns how many it kept.
func (tx *Tx) WriteResponseBody(b []byte) int {
	if !tx.ResponseBodyInspectable() {
		return 0
	}
	room := tx.w.cfg.ResponseBodyLimit - len(tx.respBody)
	b = b[:max(min(room, len(b)), 0)]
	tx.respBody = append(tx.respBody, b...)
	return len(b)
}

// ProcessResponseBody fills RESPONSE_BODY and runs phase 4.
func (tx *Tx) ProcessResponseBody() *Interruption {
	if tx.interruption != nil {
		return tx.interruption
	}
	if tx.ResponseBodyInspectable() && len(tx.respBody) > 0 {
		tx.respBodyVar, tx.respBodyVarOK = string(tx.respBody), true
	}
	tx.runPhase(4)
	return tx.interruption
}

// ProcessLogging runs phase 5, which runs even after an interruption.
func (tx *Tx) ProcessLogging() {
	tx.runPhase(5)
}
