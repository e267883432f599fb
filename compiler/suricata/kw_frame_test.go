package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestFrameKeyword(t *testing.T) {
	for _, tc := range []struct{ rule, buf, app string }{
		{`alert ssh any any -> any 22 (frame:ssh.record.pdu; content:"|06 1e|"; offset:4; depth:6; sid:1;)`, "frame:ssh.record.pdu", "ssh"},
		{`alert ssh any any -> any 22 (frame:record.hdr; content:"|15|"; endswith; bsize:6; sid:1;)`, "frame:ssh.record.hdr", "ssh"},
		{`alert tcp any any -> any any (frame:SSH.Record.Data; content:"curve"; sid:1;)`, "frame:ssh.record.data", "ssh"},
		{`alert http1 any any -> any any (frame:http.stream; content:"a"; sid:1;)`, "frame:http.stream", "http1"},
		{`alert dns any any -> any any (frame:stream; content:"a"; sid:1;)`, "frame:dns.stream", "dns"},
		{`alert dns any any -> any any (frame:pdu; content:"a"; sid:1;)`, "frame:dns.pdu", "dns"},
		{`alert tls any any -> any any (frame:tls.alert; content:"a"; sid:1;)`, "frame:tls.alert", "tls"},
		{`alert tcp any any -> any any (frame:dcerpc.data; content:"a"; sid:1;)`, "frame:dcerpc.data", "dcerpc"},
	} {
		r := mustCompile(t, tc.rule)
		if c := r.Matchers[0].(*ir.Content); c.Buffer.Name != tc.buf || r.Header.Proto.App != tc.app {
			t.Errorf("%s: buffer %s app %s, want %s %s", tc.rule, c.Buffer.Name, r.Header.Proto.App, tc.buf, tc.app)
		}
	}
	// Suricata's DetectFrameTestBadRules
	mustFail(t, `alert tcp-pkt any any -> any any (frame:tls.pdu; content:"a"; sid:1;)`, diag.ErrConflict, "frame is for TCP and UDP app-layer rules, not tcp-pkt")
	mustFail(t, `alert udp any any -> any any (frame:tls.pdu; content:"a"; sid:2;)`, diag.ErrConflict, "tls buffer in a udp rule")
	mustFail(t, `alert smb any any -> any any (frame:tls.pdu; content:"a"; sid:3;)`, diag.ErrConflict, "protocol tls in a smb rule")
	mustFail(t, `alert tcp any any -> any any (frame:tls; content:"a"; sid:4;)`, diag.ErrMissing, "the rule's app-layer protocol is unknown")
	mustFail(t, `alert ssh any any -> any any (content:"abc"; frame:ssh.record.pdu; content:"a"; sid:5;)`, diag.ErrConflict, "payload inspection cannot be mixed with frame inspection")
	mustFail(t, `alert tls any any -> any any (tls.version:1.0; frame:tls.stream; content:"a"; sid:6;)`, diag.ErrConflict, "tls.version cannot be mixed")
	mustFail(t, `alert tls any any -> any any (frame:smb1.pdu; content:"a"; sid:7;)`, diag.ErrBadValue, `bad frame "smb1.pdu"`)
	mustFail(t, `alert ssh any any -> any any (frame:ssh.record.pdu; content:"a"; dsize:>1; sid:8;)`, diag.ErrConflict, "dsize cannot be mixed")
	mustFail(t, `alert ssh any any -> any any (frame:ssh.record.pdu; content:"a"; ssh.software; content:"b"; sid:9;)`, diag.ErrConflict, "buffer ssh.software cannot be mixed")
	mustFail(t, `alert ssh any any -> any any (frame:ssh.record.pdu; content:"a"; frame:ssh.record.hdr; content:"b"; sid:10;)`, diag.ErrConflict, "frames frame:ssh.record.pdu and frame:ssh.record.hdr")
	mustFail(t, `alert udp any any -> any 53 (frame:dns.stream; content:"a"; sid:11;)`, diag.ErrBadValue, `bad frame "dns.stream"`)
	// the frame base64-decoded is the frame's own data; another buffer
	// decoded is mixed in
	mustCompile(t, `alert smtp any any -> any any (frame:smtp.command_line; base64_decode; base64_data; content:"galunt"; sid:12;)`)
	mustFail(t, `alert smtp any any -> any any (smtp.helo; base64_decode; base64_data; content:"a"; frame:smtp.command_line; content:"b"; sid:13;)`, diag.ErrConflict, "buffer smtp.helo cannot be mixed")
	// valid frames no rulec parser marks
	mustFail(t, `alert tls any any -> any any (frame:tls.ssl2.pdu; content:"a"; sid:20;)`, diag.ErrUnsupported,
		`t.rules:1:31: sid 20: keyword "frame" (rulec's parsers do not mark tls ssl2.pdu frames) unsupported`)
	mustFail(t, `alert http2 any any -> any any (frame:http2.pdu; content:"a"; sid:22;)`, diag.ErrUnsupported, "do not mark http2 pdu frames")
	mustFail(t, `alert smb any any -> any any (frame:smb1.pdu; content:"a"; sid:21;)`, diag.ErrUnsupported, "do not mark smb smb1.pdu frames")
}
