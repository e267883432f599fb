package http

import (
	"bytes"

	"github.com/rulec/rulec/runtime/inspect"
)

// Stage is the point a transaction reached when it is reported.
type Stage = inspect.Stage

const (
	RequestLine     = inspect.RequestLine
	RequestHeaders  = inspect.RequestHeaders
	RequestBody     = inspect.RequestBody
	ResponseLine    = inspect.ResponseLine
	ResponseHeaders = inspect.ResponseHeaders
	ResponseBody    = inspect.ResponseBody
)

// StageDir is the direction of the stream a stage completes.
func StageDir(s Stage) inspect.Dir {
	if s >= ResponseLine {
		return inspect.ToClient
	}
	return inspect.ToServer
}

// Header is one header with repeated names merged.
type Header struct {
	Name, Value []byte
}

// Message is a request or a response.
type Message struct {
	Line     []byte   // request or status line, without line end
	Protocol []byte   // "HTTP/1.1"; empty for a request line without one
	RawHead  []byte   // header lines as on the wire, up to and with the blank line
	Headers  []Header // in first-seen order
	Body     []byte   // dechunked and decoded, at most Config.BodyLimit bytes
	BodyLen  int64    // body bytes on the wire after dechunking
	Complete bool     // the message ended where its framing said
	// full is the body kept past the body limit, up to
	// Config.StoreDepth, for a filestore rule to lift the limit to; nil
	// when nothing is past the limit.
	full []byte
}

// Get returns the value of the named header (case-insensitive).
func (m *Message) Get(name string) ([]byte, bool) {
	for _, h := range m.Headers {
		if len(h.Name) == len(name) && bytes.EqualFold(h.Name, []byte(name)) {
			return h.Value, true
		}
	}
	return nil, false
}

// Tx is one request and its response.
type Tx struct {
	ID          uint64 // 0 for the connection's first transaction
	Request     Message
	Response    Message
	Method      []byte
	URI         []byte // as on the wire
	Status      int    // 0 until a status line was parsed
	StatusText  []byte // the status code as sent
	Reason      []byte
	HasResponse bool
	// Unseen: the transaction is a response's that came without request
	// (libhtp's "Unable to match response to request").
	Unseen bool
	Events []string // app-layer events raised on the transaction (Event...)
	// unreported: Unseen, and its request stage was not reported yet.
	unreported bool
	// reqNoBody, respNoBody: the message's head said it has no body.
	reqNoBody, respNoBody bool

	mem int // memcap charge
	// dumpReq, dumpResp: the EVE section lists the request's, the
	// response's headers (Config.DumpRequestHeaders, DumpResponseHeaders).
	dumpReq, dumpResp bool
	// port is the request's port, from its URI's authority or else its
	// Host header (libhtp's request_port_number); 0 when it has none.
	port uint16
	// reqFile, respFile: the message's body is a file (Suricata's file
	// tracking: PUT requests, responses with a body).
	reqFile, respFile bool
	// reqCodes, respCodes are the integers the body units carry (their
	// file's size for filesize); units share them, read-only.
	reqCodes, respCodes map[string][]int64
	// reqFiles, respFiles are the message's file for alerts' "files".
	reqFiles, respFiles []inspect.FileInfo
	req, resp           []buffer
	// reqBodyAt, respBodyAt: where the body's buffers start in req, resp.
	reqBodyAt, respBodyAt int
	reqFields, respFields map[string]any
	// asResp is the request's buffer list as response units share it
	// (share.go).
	asResp asResponse
	// strs and memo keep what fields made last (fieldcache.go).
	strs [nStrs]strCache
	memo [2]fieldsMemo
}

// buffer is one named inspection buffer, tagged bufDual (it exists in
// both directions and a response unit carries the response's) and
// bufMulti (one instance of a multi-buffer).
type buffer = inspect.Named

const (
	bufDual uint8 = 1 << iota
	bufMulti
)

// dualTag is the tag of a buffer that is dual or not.
func dualTag(dual bool) uint8 {
	if dual {
		return bufDual
	}
	return 0
}
