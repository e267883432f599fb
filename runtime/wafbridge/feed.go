package wafbridge

import (
	"bytes"
	"strconv"

	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// httpTx returns the parsed HTTP transaction of an HTTP stage unit.
func httpTx(u *inspect.Unit) *http.Tx {
	if u.Kind != inspect.KindApp || u.Stage == 0 {
		return nil
	}
	h, _ := u.AppTx.(*http.Tx)
	return h
}

// feed runs the WAF phases stage st completes.
func (t *wafTx) feed(h *http.Tx, st inspect.Stage) {
	tx := t.tx
	switch st {
	case inspect.RequestHeaders:
		req := &h.Request
		tx.ProcessURI(string(h.URI), string(h.Method), string(req.Protocol))
		chunked := false
		for _, hd := range req.Headers {
			name := string(bytes.TrimSpace(hd.Name))
			chunked = chunked || bytes.EqualFold(hd.Name, []byte("Transfer-Encoding"))
			tx.AddRequestHeader(name, string(bytes.TrimSpace(hd.Value)))
		}
		tx.ProcessRequestHeaders()
		if n, _ := req.Get("Content-Length"); !chunked && (len(n) == 0 || string(n) == "0") {
			t.requestBody(nil)
		}
	case inspect.RequestBody:
		t.requestBody(h.Request.Body)
	case inspect.ResponseHeaders:
		t.requestBody(nil)
		for _, hd := range h.Response.Headers {
			tx.AddResponseHeader(string(bytes.TrimSpace(hd.Name)), string(bytes.TrimSpace(hd.Value)))
		}
		status, _ := strconv.Atoi(string(h.StatusText))
		tx.ProcessResponseHeaders(status, string(h.Response.Protocol))
	case inspect.ResponseBody:
		if tx.ResponseBodyInspectable() {
			tx.WriteResponseBody(h.Response.Body)
		}
		tx.ProcessResponseBody()
		tx.ProcessLogging()
	}
}

// requestBody runs phase 2 once: with the body when there is one, and
// before the response when the request had none.
func (t *wafTx) requestBody(body []byte) {
	if t.bodyDone {
		return
	}
	t.bodyDone = true
	if len(body) > 0 {
		t.tx.WriteRequestBody(body)
	}
	t.tx.ProcessRequestBody()
}
