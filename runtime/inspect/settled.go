package inspect

// httpStage is the point of an HTTP transaction where a buffer is made;
// dual buffers (0 here) come with the headers of the unit's direction and
// file.data and file.name with its body.
var httpStage = map[string]Stage{
	"http.method": RequestLine, "http.uri": RequestLine, "http.uri.raw": RequestLine,
	"http.request_line": RequestLine, "http.host": RequestHeaders, "http.host.raw": RequestHeaders,
	"http.user_agent": RequestHeaders, "http.referer": RequestHeaders, "http.accept": RequestHeaders,
	"http.accept_enc": RequestHeaders, "http.accept_lang": RequestHeaders, "http.request_header": RequestHeaders,
	"http.request_body": RequestBody,
	"http.stat_code":    ResponseLine, "http.stat_msg": ResponseLine, "http.response_line": ResponseLine,
	"http.location": ResponseHeaders, "http.server": ResponseHeaders, "http.response_header": ResponseHeaders,
	"http.response_body": ResponseBody,
	"http.protocol":      0, "http.header": 0, "http.header.raw": 0, "http.header_names": 0, "http.cookie": 0,
	"http.content_type": 0, "http.content_len": 0, "http.connection": 0, "http.start": 0,
}

// Settled reports whether a buffer the unit lacks is absent for good
// (Suricata's absent keyword): an app-layer buffer on an app-layer unit
// whose transaction is past the point that makes it (an HTTP body once
// the body is over, or known to be empty), a packet header buffer on a
// packet.
func (u *Unit) Settled(name string) bool {
	if IsHeaderBuffer(name) || name == "ip.src" || name == "ip.dst" {
		return u.Packet != nil
	}
	if u.Kind != KindApp {
		return false
	}
	if u.Stage == 0 {
		return true
	}
	st, ok := httpStage[name]
	switch {
	case name == "file.data" || name == "file.name":
		st = RequestBody
		if u.Dir == ToClient {
			st = ResponseBody
		}
	case !ok:
		return true // another protocol's buffer: its rule never runs on HTTP units
	case st == 0:
		st = RequestHeaders
		if u.Dir == ToClient {
			st = ResponseHeaders
		}
	}
	return st <= u.Through
}
