package waf

import (
	"strings"

	"github.com/rulec/rulec/runtime/waf/bodyproc"
)

// ProcessConnection records the client and server addresses and ports.
func (tx *Tx) ProcessConnection(client string, cport int, server string, sport int) {
	tx.remoteAddr, tx.remotePort, tx.serverAddr, tx.serverPort = client, cport, server, sport
}

// ProcessURI records the request line: the URI as sent, the method and
// the protocol ("HTTP/1.1"). It fills REQUEST_URI (without scheme and
// host), REQUEST_FILENAME and REQUEST_BASENAME (the path, %-decoded),
// QUERY_STRING (raw) and ARGS_GET.
func (tx *Tx) ProcessURI(uri, method, proto string) {
	tx.uriRaw, tx.method, tx.proto = uri, method, proto
	tx.line = method + " " + uri
	if proto != "" {
		tx.line += " " + proto
	}
	tx.uri = stripAuthority(uri)
	pathQuery, _, _ := strings.Cut(tx.uri, "#")
	var rawPath string
	rawPath, tx.query, _ = strings.Cut(pathQuery, "?")
	tx.path = unescapePath(rawPath)
	tx.basename = tx.path
	if i := strings.LastIndexByte(tx.path, '/'); i >= 0 {
		tx.basename = tx.path[i+1:]
	} else if i := strings.LastIndexByte(tx.path, '\\'); i >= 0 {
		tx.basename = tx.path[i+1:]
	}
	bodyproc.ParseQuery(tx.query, '&', func(k, v string) bool {
		tx.addEntry(&tx.argsGet, k, v)
		return true
	})
}

// unescapePath decodes the %XX escapes of a path, as the server does
// before the WAF sees REQUEST_FILENAME; '+' stays and a bad escape stays
// as written.
func unescapePath(p string) string {
	if strings.IndexByte(p, '%') < 0 {
		return p
	}
	return bodyproc.Unescape(strings.ReplaceAll(p, "+", "%2B"))
}

// stripAuthority turns an absolute URI into its path and query.
func stripAuthority(uri string) string {
	i := strings.Index(uri, "://")
	if i <= 0 || strings.ContainsAny(uri[:i], "/?#") {
		return uri
	}
	rest := uri[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		return rest[j:]
	}
	return ""
}

// AddRequestHeader adds one request header. Cookie headers fill
// REQUEST_COOKIES; the first Content-Type picks the body processor
// (URLENCODED or MULTIPART), as ModSecurity does before phase 1.
func (tx *Tx) AddRequestHeader(name, value string) {
	if name == "" {
		return
	}
	tx.addEntry(&tx.reqHeaders, name, value)
	switch lowerKey(name) {
	case "cookie":
		tx.parseCookies(value)
	case "content-type":
		if n := tx.countHeader("content-type"); n == 1 {
			ct := strings.ToLower(strings.TrimSpace(value))
			switch {
			case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
				tx.reqBodyProcessor = "URLENCODED"
			case strings.HasPrefix(ct, "multipart/form-data"):
				tx.reqBodyProcessor = "MULTIPART"
			}
		}
	}
}

func (tx *Tx) countHeader(lk string) int {
	n := 0
	for i := range tx.reqHeaders.items {
		if tx.reqHeaders.items[i].lkey == lk {
			n++
		}
	}
	return n
}

// parseCookies reads a Cookie header as ModSecurity's version 0 parser:
// pairs separated by ';', the name up to the first '=', leading spaces
// dropped; a pair without '=' is a name with an empty value.
func (tx *Tx) parseCookies(h string) {
	for _, pair := range strings.Split(h, ";") {
		pair = strings.TrimLeft(pair, " \t")
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		tx.addEntry(&tx.cookies, name, value)
	}
}

// ProcessRequestHeaders runs phase 1 and returns the interruption, if any.
func (tx *Tx) ProcessRequestHeaders() *Interruption {
	tx.runPhase(1)
	return tx.interruption
}

// Interruption returns what a disruptive rule asked for, or nil. In
// DetectionOnly mode it is always nil.
func (tx *Tx) Interruption() *Interruption { return tx.interruption }

// MatchedRules returns the rules that matched so far, in order. The slice
// belongs to the transaction.
func (tx *Tx) MatchedRules() []MatchedRule { return tx.matched }

// ID returns the transaction's UNIQUE_ID.
func (tx *Tx) ID() string { return tx.id }
