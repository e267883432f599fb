package http

// A transaction's EVE section is rebuilt at each stage and for each unit
// inspected later, mostly from the same bytes: its strings are made once
// per byte slice, and a section whose inputs did not change is the one
// built before (units share sections, read-only).

// Strings of the EVE section, by key.
const (
	strHost = iota
	strURL
	strUserAgent
	strXFF
	strReferer
	strMethod
	strProtocol
	strContentType
	strRedirect
	strStatus
	nStrs
)

// strCache is the string of the last byte slice converted.
type strCache struct {
	p *byte
	n int
	s string
}

// str returns v as a string, the one made before when v is the same
// slice of the same bytes.
func (tx *Tx) str(key int, v []byte) string {
	c := &tx.strs[key]
	if len(v) == 0 {
		return ""
	}
	if c.n != len(v) || c.p != &v[0] {
		c.p, c.n, c.s = &v[0], len(v), string(v)
	}
	return c.s
}

// fieldsKey is what a section is built from, beside bytes that do not
// change once parsed: when it is the same, so is the section.
type fieldsKey struct {
	req, resp            *buffer
	nReq, nResp          int
	reqHeaders, respHdrs int
	hasResponse          bool
	status               int
	bodyLen              int64
	port                 uint16
	dumpReq, dumpResp    bool
}

func (tx *Tx) fieldsKey() fieldsKey {
	k := fieldsKey{nReq: len(tx.req), nResp: len(tx.resp), reqHeaders: len(tx.Request.Headers), respHdrs: len(tx.Response.Headers),
		hasResponse: tx.HasResponse, status: tx.Status, bodyLen: tx.Response.BodyLen, port: tx.port, dumpReq: tx.dumpReq, dumpResp: tx.dumpResp}
	if len(tx.req) > 0 {
		k.req = &tx.req[0]
	}
	if len(tx.resp) > 0 {
		k.resp = &tx.resp[0]
	}
	return k
}

// fieldsMemo is the section last built for requests' or responses'
// units, and what it was built from.
type fieldsMemo struct {
	key fieldsKey
	f   map[string]any
}
