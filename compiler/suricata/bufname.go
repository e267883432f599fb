package suricata

import "github.com/rulec/rulec/compiler/ir"

// suricataBufNames are Suricata's own names of the buffers whose
// registered name differs from their keyword (the legacy HTTP buffers,
// file data): what it logs a buffer's flow variables under.
var suricataBufNames = map[string]string{
	"http.uri": "http_uri", "http.uri.raw": "http_raw_uri", "http.method": "http_method",
	"http.host": "http_host", "http.host.raw": "http_raw_host", "http.user_agent": "http_user_agent",
	"http.header": "http_header", "http.header.raw": "http_raw_header", "http.cookie": "http_cookie",
	"http.request_body": "http_client_body", "http.response_body": "file_data", "file.data": "file_data",
	"http.stat_code": "http_stat_code", "http.stat_msg": "http_stat_msg",
	"http.request_line": "http_request_line", "http.response_line": "http_response_line",
	"http.request_header": "http_request_header", "http.response_header": "http_response_header",
	ir.BufPayload: "content",
}

// suricataBufferName is Suricata's name of the buffer a rule inspects.
func suricataBufferName(name string) string {
	if n, ok := suricataBufNames[name]; ok {
		return n
	}
	return name
}
