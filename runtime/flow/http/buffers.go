package http

import (
	"bytes"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/magic"
)

// Fill sets the buffers and EVE fields of a unit reporting stage st. A
// response-stage unit carries the request's buffers too; those that exist
// in both directions (http.header, http.protocol, ...) are the response's,
// the request's under ir.ToServerOf (for transactional rules).
func (tx *Tx) Fill(u *inspect.Unit, st Stage) {
	resp := st >= ResponseLine
	if !resp {
		tx.share(u, tx.req)
	} else {
		tx.share(u, tx.requestAsResponse())
		tx.share(u, tx.resp)
	}
	switch {
	case st == RequestBody:
		u.Codes, u.Files = tx.reqCodes, tx.reqFiles
	case st >= ResponseHeaders:
		u.Codes = tx.respCodes
	}
	if st == ResponseBody {
		u.Files = tx.respFiles
	}
	u.Events = tx.Events
	u.Through = st
	if st == RequestHeaders && tx.reqNoBody || st == ResponseHeaders && tx.respNoBody {
		u.Through = st + 1
	}
	if u.Fields == nil {
		u.Fields = map[string]map[string]any{}
	}
	if resp {
		u.Fields["http"] = tx.respFields
	} else {
		u.Fields["http"] = tx.reqFields
	}
}

// Fields is the EVE "http" section of the transaction as it is now.
func (tx *Tx) Fields() map[string]any { return tx.fields(true) }

// fields builds the EVE "http" section; units share it, read-only.
func (tx *Tx) fields(resp bool) map[string]any {
	i, key := 0, tx.fieldsKey()
	if resp {
		i = 1
	}
	if m := &tx.memo[i]; m.f != nil && m.key == key {
		return m.f
	}
	size := 8 // a request's fields fit in a map's first group
	if resp {
		size = 12
	}
	f := make(map[string]any, size)
	str := func(key string, i int, v []byte) {
		if len(v) > 0 {
			f[key] = tx.str(i, v)
		}
	}
	str("hostname", strHost, tx.lookup(tx.req, "http.host"))
	if tx.port > 0 {
		f["http_port"] = tx.port
	}
	str("url", strURL, tx.URI)
	str("http_user_agent", strUserAgent, tx.lookup(tx.req, "http.user_agent"))
	if xff, ok := tx.Request.Get("X-Forwarded-For"); ok {
		f["xff"] = tx.str(strXFF, xff)
	}
	str("http_refer", strReferer, tx.lookup(tx.req, "http.referer"))
	str("http_method", strMethod, tx.Method)
	str("protocol", strProtocol, tx.Request.Protocol)
	if resp && tx.HasResponse {
		ct := tx.lookup(tx.resp, "http.content_type")
		if i := bytes.IndexByte(ct, ';'); i >= 0 {
			ct = ct[:i] // Suricata logs the media type without parameters
		}
		str("http_content_type", strContentType, ct)
		if cr, ok := tx.Response.Get("Content-Range"); ok {
			f["content_range"] = contentRange(cr)
		}
		str("redirect", strRedirect, tx.lookup(tx.resp, "http.location"))
		if tx.Status > 0 {
			f["status"] = tx.Status
		} else {
			str("status_string", strStatus, tx.StatusText)
		}
	}
	// Suricata logs the response's length so far, 0 before any
	f["length"] = tx.Response.BodyLen
	if tx.dumpReq {
		dumpHeaders(f, "request_headers", tx.Request.Headers)
	}
	if resp && tx.dumpResp {
		dumpHeaders(f, "response_headers", tx.Response.Headers)
	}
	tx.memo[i] = fieldsMemo{key, f}
	return f
}

// Suricata cuts the names and values of the headers it dumps.
const (
	maxDumpName  = 255
	maxDumpValue = 2047
)

// dumpHeaders adds a message's headers as Suricata's dump-all-headers
// lists them, when it has any.
func dumpHeaders(f map[string]any, key string, hs []Header) {
	if len(hs) == 0 {
		return
	}
	list := make([]map[string]string, len(hs))
	for i, h := range hs {
		list[i] = map[string]string{"name": string(h.Name[:min(len(h.Name), maxDumpName)]), "value": string(h.Value[:min(len(h.Value), maxDumpValue)])}
	}
	f[key] = list
}

func (tx *Tx) lookup(bufs []buffer, name string) []byte {
	for _, b := range bufs {
		if b.Name == name {
			return b.B
		}
	}
	return nil
}

// add appends a buffer when it has content.
func add(bufs []buffer, name string, b []byte, dual bool) []buffer {
	if len(b) == 0 {
		return bufs
	}
	return append(bufs, buffer{Name: name, B: b, Tag: dualTag(dual)})
}

// addHeader appends the buffer of a header's value when the message has
// the header, empty or not: Suricata inspects an empty value as an empty
// buffer (bsize:0, a negated content match it).
func addHeader(bufs []buffer, name string, m *Message, header string, dual bool) []buffer {
	v, ok := m.Get(header)
	if !ok {
		return bufs
	}
	return append(bufs, buffer{Name: name, B: v, Tag: dualTag(dual)})
}

// toServerNames are the request-side names of the dual buffers, made once
// rather than for every unit they are set on.
var toServerNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{"http.protocol", "http.header", "http.header.raw", "http.header_names", "http.cookie",
		"http.content_type", "http.content_len", "http.connection", "http.start", "file.data", "file.name"} {
		m[n] = ir.ToServerOf(n)
	}
	return m
}()

func toServerName(name string) string {
	if n, ok := toServerNames[name]; ok {
		return n
	}
	return ir.ToServerOf(name)
}

// headerBuffers are the buffers both directions derive from their headers:
// each of the three made with one allocation.
func headerBuffers(bufs []buffer, m *Message, cookie string) []buffer {
	lines, nameLen, cookies := 0, 2, 0
	for _, h := range m.Headers {
		n := len(h.Name) + 2 + len(h.Value) + 2
		lines += n
		nameLen += len(h.Name) + 2
		if bytes.EqualFold(h.Name, []byte(cookie)) {
			cookies += n
		}
	}
	start := append(make([]byte, 0, len(m.Line)+2+lines+2), m.Line...)
	start = append(start, "\r\n"...)
	names := append(make([]byte, 0, nameLen+2), "\r\n"...)
	var norm []byte
	if lines > cookies {
		norm = make([]byte, 0, lines-cookies)
	}
	for _, h := range m.Headers {
		at := len(start)
		start = append(append(append(append(start, h.Name...), ": "...), h.Value...), "\r\n"...)
		names = append(append(names, h.Name...), "\r\n"...)
		if !bytes.EqualFold(h.Name, []byte(cookie)) {
			norm = append(norm, start[at:]...)
		}
	}
	start = append(start, "\r\n"...)
	names = append(names, "\r\n"...)
	get := func(name string) []byte {
		v, _ := m.Get(name)
		return v
	}
	bufs = add(bufs, "http.protocol", m.Protocol, true)
	bufs = add(bufs, "http.header", norm, true)
	bufs = add(bufs, "http.header.raw", m.RawHead, true)
	if len(m.Headers) > 0 {
		bufs = add(bufs, "http.header_names", names, true)
	}
	bufs = add(bufs, "http.cookie", get(cookie), true)
	bufs = addHeader(bufs, "http.content_type", m, "Content-Type", true)
	bufs = addHeader(bufs, "http.content_len", m, "Content-Length", true)
	bufs = addHeader(bufs, "http.connection", m, "Connection", true)
	return add(bufs, "http.start", start, true)
}

// perHeader adds one instance of multi-buffer name per header,
// "Name: value", as Suricata's http.request_header and
// http.response_header.
func perHeader(bufs []buffer, name string, m *Message) []buffer {
	size := 0
	for _, h := range m.Headers {
		size += len(h.Name) + 2 + len(h.Value)
	}
	all := make([]byte, 0, size) // every line, each capped to its own
	for _, h := range m.Headers {
		at := len(all)
		all = append(append(append(all, h.Name...), ": "...), h.Value...)
		bufs = append(bufs, buffer{Name: name, B: all[at:len(all):len(all)], Tag: bufMulti})
	}
	return bufs
}

// requestBufs and responseBufs are the most buffers a request and a
// response have, bodies included, besides one per header.
const (
	requestBufs  = 24
	responseBufs = 18
)

func (tx *Tx) requestBuffers(cfg *Config) {
	m := &tx.Request
	host, _ := m.Get("Host")
	rawHost := host
	if a := authority(tx.URI); len(a) > 0 {
		host = a
		if len(rawHost) == 0 {
			rawHost = a
		}
	}
	tx.port = hostPort(host)
	bufs := make([]buffer, 0, requestBufs+len(m.Headers))
	bufs = add(bufs, "http.method", tx.Method, false)
	uri, double := normalizeURIDouble(tx.URI, cfg.DoubleDecodePath, cfg.DoubleDecodeQuery)
	if double {
		tx.raise(EventDoubleEncodedURI)
	}
	bufs = add(bufs, "http.uri", uri, false)
	bufs = add(bufs, "http.uri.raw", tx.URI, false)
	bufs = add(bufs, "http.request_line", m.Line, false)
	bufs = add(bufs, "http.host", normalizeHost(host), false)
	bufs = add(bufs, "http.host.raw", rawHost, false)
	bufs = addHeader(bufs, "http.user_agent", m, "User-Agent", false)
	bufs = addHeader(bufs, "http.referer", m, "Referer", false)
	bufs = addHeader(bufs, "http.accept", m, "Accept", false)
	bufs = addHeader(bufs, "http.accept_enc", m, "Accept-Encoding", false)
	bufs = addHeader(bufs, "http.accept_lang", m, "Accept-Language", false)
	bufs = perHeader(bufs, "http.request_header", m)
	tx.req = headerBuffers(bufs, m, "Cookie")
	tx.reqFields = tx.fields(false)
}

// requestLineBuffers sets the buffers of a request known by its line only.
func (tx *Tx) requestLineBuffers(cfg *Config) {
	bufs := make([]buffer, 0, 4)
	bufs = add(bufs, "http.method", tx.Method, false)
	uri, _ := normalizeURIDouble(tx.URI, cfg.DoubleDecodePath, cfg.DoubleDecodeQuery)
	bufs = add(bufs, "http.uri", uri, false)
	bufs = add(bufs, "http.uri.raw", tx.URI, false)
	tx.req = add(bufs, "http.request_line", tx.Request.Line, false)
	tx.reqFields = tx.fields(false)
}

// requestBodyBuffers adds the buffers of the request's body, whose file
// is tracked up to limit.
func (tx *Tx) requestBodyBuffers(cfg *Config, limit int) {
	tx.reqBodyAt = len(tx.req)
	tx.req = add(tx.req, "http.request_body", tx.Request.Body, false)
	post := bytes.EqualFold(tx.Method, []byte("POST"))
	if !post && !bytes.EqualFold(tx.Method, []byte("PUT")) || tx.Request.BodyLen == 0 {
		return
	}
	if post {
		if ct, ok := tx.Request.Get("Content-Type"); ok {
			if boundary := boundaryOf(ct); boundary != nil {
				tx.multipartBuffers(boundary, cfg)
				return
			}
		}
	}
	// a POST body not multipart, or a PUT body, is one file
	tx.req = add(tx.req, "file.data", tx.Request.Body, true)
	file := bodyFile(&tx.Request, tx.fileName(false), int64(limit), cfg.FileHashes)
	tx.req = add(tx.req, "file.name", file.Name, true)
	tx.req = addMagic(tx.req, tx.Request.Body)
	tx.req = addSums(tx.req, file)
	tx.reqFile = true
	tx.reqFiles = []inspect.FileInfo{file}
	tx.fileCodes()
}

// multipartBuffers makes each file of a multipart body a file of the
// request: its name, data, magic and digests; a file the body's kept
// bytes end inside is truncated.
func (tx *Tx) multipartBuffers(boundary []byte, cfg *Config) {
	var sizes []int64
	for _, p := range multipartFiles(tx.Request.Body, boundary) {
		f := inspect.FileInfo{Name: p.name, Size: uint64(len(p.data)), Closed: true, Truncated: !p.closed, Data: p.data}
		k := cfg.FileHashes
		if f.Truncated {
			k &= filehash.SHA256
		}
		f.Sums = filehash.Of(k, p.data)
		tx.req = append(tx.req, buffer{Name: "file.name", B: p.name, Tag: bufDual | bufMulti})
		if len(p.data) > 0 {
			tx.req = append(tx.req, buffer{Name: "file.data", B: p.data, Tag: bufDual | bufMulti},
				buffer{Name: "file.magic", B: []byte(magic.Describe(p.data)), Tag: bufDual | bufMulti})
		}
		if !f.Truncated {
			f.Sums.Each(true, func(name string, sum []byte) {
				tx.req = append(tx.req, buffer{Name: "file." + name, B: sum, Tag: bufDual | bufMulti})
			})
		}
		tx.reqFiles = append(tx.reqFiles, f)
		if !f.Truncated {
			sizes = append(sizes, int64(f.Size))
		}
	}
	if len(sizes) > 0 {
		tx.reqCodes = map[string][]int64{"filesize": sizes}
		tx.respCodes = map[string][]int64{ir.ToServerOf("filesize"): sizes}
	}
}

func (tx *Tx) responseBuffers() {
	m := &tx.Response
	bufs := make([]buffer, 0, responseBufs+len(m.Headers))
	bufs = add(bufs, "http.stat_code", tx.StatusText, false)
	bufs = add(bufs, "http.stat_msg", tx.Reason, false)
	bufs = add(bufs, "http.response_line", m.Line, false)
	bufs = addHeader(bufs, "http.location", m, "Location", false)
	bufs = addHeader(bufs, "http.server", m, "Server", false)
	bufs = perHeader(bufs, "http.response_header", m)
	tx.resp = headerBuffers(bufs, m, "Set-Cookie")
	tx.respFields = tx.fields(true)
}

// responseLineBuffers sets the buffers of a response known by its status
// line only.
func (tx *Tx) responseLineBuffers() {
	bufs := make([]buffer, 0, 3)
	bufs = add(bufs, "http.stat_code", tx.StatusText, false)
	bufs = add(bufs, "http.stat_msg", tx.Reason, false)
	tx.resp = add(bufs, "http.response_line", tx.Response.Line, false)
	tx.respFields = tx.fields(true)
}

// responseBodyBuffers adds the buffers of the response's body, whose
// file is tracked up to limit.
func (tx *Tx) responseBodyBuffers(cfg *Config, limit int) {
	tx.respBodyAt = len(tx.resp)
	tx.resp = add(tx.resp, "http.response_body", tx.Response.Body, false)
	tx.resp = add(tx.resp, "file.data", tx.Response.Body, true)
	if tx.Response.BodyLen > 0 {
		file := bodyFile(&tx.Response, tx.fileName(true), int64(limit), cfg.FileHashes)
		tx.resp = add(tx.resp, "file.name", file.Name, true)
		tx.resp = addMagic(tx.resp, tx.Response.Body)
		tx.resp = addSums(tx.resp, file)
		tx.respFile = true
		tx.respFiles = []inspect.FileInfo{file}
		tx.fileCodes()
	}
	tx.respFields = tx.fields(true)
}

// addMagic adds the file.magic of a body that is a file.
func addMagic(bufs []buffer, body []byte) []buffer {
	if len(body) == 0 {
		return bufs
	}
	return add(bufs, "file.magic", []byte(magic.Describe(body)), true)
}

// fileCodes sets the integers of the body units once a body ends: the
// size of its message's file (closed with the body) for filesize, and
// on response units the request's under ir.ToServerOf (for
// transactional rules).
func (tx *Tx) fileCodes() {
	tx.reqCodes, tx.respCodes = nil, nil
	if tx.reqFile {
		tx.reqCodes = map[string][]int64{"filesize": {tx.Request.BodyLen}}
		tx.respCodes = map[string][]int64{ir.ToServerOf("filesize"): {tx.Request.BodyLen}}
	}
	if tx.respFile {
		if tx.respCodes == nil {
			tx.respCodes = map[string][]int64{}
		}
		tx.respCodes["filesize"] = []int64{tx.Response.BodyLen}
	}
}
