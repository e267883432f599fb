package flow

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/inspect"
)

func gzipped(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func TestHTTPTransactions(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("192.168.1.10", "192.168.1.20", 51000, 8081)
	body := gzipped("<html>secret page</html>")
	resp1 := fmt.Sprintf("HTTP/1.1 200 OK\r\nServer: test\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n",
		10, body[:10], len(body)-10, body[10:])
	resp2 := "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope"
	feed(t, tr, concat(
		c.handshake(),
		c.c2s("GET /first?x=%41 HTTP/1.1\r\nHost: Site.Example\r\nUser-Agent: t"),
		c.c2s("ester\r\n\r\nGET /second HTTP/1.1\r\nHost: site.example\r\n\r\n"),
		c.s2c(resp1[:40]), c.s2c(resp1[40:]), c.s2c(resp2),
		c.close())...)
	apps := s.of(inspect.KindApp)
	var stages []string
	for _, u := range apps {
		stages = append(stages, fmt.Sprintf("%d:%s:%s:%s", u.dir, u.buffers["http.uri"], u.buffers["http.stat_code"], u.buffers["http.response_body"]))
	}
	want := []string{"1:/first?x=A::", "1:/second::", "2:/first?x=A:200:", "2:/first?x=A:200:<html>secret page</html>", "2:/second:404:", "2:/second:404:nope"}
	if fmt.Sprint(stages) != fmt.Sprint(want) {
		t.Fatalf("app units\n got %q\nwant %q", stages, want)
	}
	r := apps[3]
	if r.buffers["http.method"] != "GET" || r.buffers["http.host"] != "site.example" || r.buffers["file.data"] != "<html>secret page</html>" {
		t.Errorf("response unit buffers %v", r.buffers)
	}
	if r.flow.App != "http" || r.packet == nil || r.packet.Sport != 8081 {
		t.Errorf("app %q packet %v", r.flow.App, r.packet)
	}
	if f := r.fields["http"]; f["status"] != 200 || f["hostname"] != "site.example" || f["url"] != "/first?x=%41" || f["http_user_agent"] != "tester" {
		t.Errorf("fields %v", f)
	}
	if st := tr.Stats(); st.HTTPRequests != 2 || st.ParseErrors != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestNotHTTP(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("RFB 003.008\n"), c.s2c("RFB 003.008\n"), c.close())...)
	if len(s.of(inspect.KindApp)) != 0 || s.units[len(s.units)-1].flow.App != "" {
		t.Error("vnc on port 80 parsed as an app")
	}
	if got := s.stream(inspect.ToServer); got != "RFB 003.008\n" {
		t.Errorf("stream %q", got)
	}
}

func TestServerFirstHTTP(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Midstream = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(true, ack, c.cseq, c.sseq, ""), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), c.cAck(), c.sAck())
	codes := s.withBuffer("http.stat_code")
	if len(codes) != 2 || codes[1].buffers["http.response_body"] != "hi" {
		t.Errorf("midstream response: %v", codes)
	}
}

func dnsQuery(t testing.TB, name string) []byte {
	t.Helper()
	d := &layers.DNS{ID: 7, RD: true, Questions: []layers.DNSQuestion{{Name: []byte(name), Type: layers.DNSTypeA, Class: layers.DNSClassIN}}}
	buf := gopacket.NewSerializeBuffer()
	if err := d.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: true}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDNS(t *testing.T) {
	q := dnsQuery(t, "evil.example.com")
	tcpMsg := binary.BigEndian.AppendUint16(nil, uint16(len(q)))
	tcpMsg = append(tcpMsg, q...)
	c := newConn("10.0.0.1", "10.0.0.53", 40000, 53)
	tests := []struct {
		name   string
		frames [][]byte
	}{
		{"udp port 53", concat(udp("10.0.0.1", "10.0.0.53", 33333, 53, q))},
		{"tcp split", concat(c.handshake(), c.c2s(string(tcpMsg[:5])), c.c2s(string(tcpMsg[5:])), c.sAck(), c.cAck())},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, s := newTracker(DefaultConfig())
			feed(t, tr, tc.frames...)
			qs := s.withBuffer("dns.query")
			if len(qs) != 1 || qs[0].buffers["dns.query"] != "evil.example.com" || qs[0].dir != inspect.ToServer {
				t.Fatalf("queries %v", qs)
			}
			q, _ := qs[0].fields["dns"]["queries"].([]any)
			if qs[0].flow.App != "dns" || len(q) != 1 || q[0].(map[string]any)["rrname"] != "evil.example.com" || qs[0].packet == nil {
				t.Errorf("app %q fields %v", qs[0].flow.App, qs[0].fields)
			}
		})
	}
	tr, s := newTracker(DefaultConfig())
	feed(t, tr, udp("10.0.0.1", "10.0.0.2", 33333, 5300, []byte("not dns, just text here")))
	if len(s.of(inspect.KindApp)) != 0 {
		t.Error("text on udp parsed as dns")
	}
}

func TestTLSClientHelloSplit(t *testing.T) {
	hello := clientHello("secure.example.org")
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8443)
	feed(t, tr, concat(c.handshake(), c.c2s(string(hello[:30])), c.c2s(string(hello[30:])))...)
	if len(s.withBuffer("tls.sni")) != 0 {
		t.Fatal("hello inspected before the server answered")
	}
	feed(t, tr, c.s2c(""))
	if len(s.withBuffer("tls.sni")) != 0 {
		t.Fatal("hello inspected on the server's packet")
	}
	last := c.c2s("")
	feed(t, tr, last)
	snis := s.withBuffer("tls.sni")
	if len(snis) == 1 && (snis[0].packet == nil || !bytes.Equal(snis[0].packet.Frame, last)) {
		t.Errorf("hello inspected on packet %v, want the client's next one", snis[0].packet)
	}
	if len(snis) != 1 || snis[0].buffers["tls.sni"] != "secure.example.org" || snis[0].flow.App != "tls" || len(snis[0].buffers["ja3.hash"]) != 32 {
		t.Fatalf("sni units %v", snis)
	}
	if snis[0].fields["tls"]["sni"] != "secure.example.org" {
		t.Errorf("fields %v", snis[0].fields)
	}
}

// clientHello is a minimal TLS record with a ClientHello naming sni.
func clientHello(sni string) []byte {
	u16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	vec := func(b, body []byte) []byte { return append(u16(b, len(body)), body...) }
	body := u16(nil, 0x0303)
	body = append(body, make([]byte, 33)...)
	body = vec(body, u16(nil, 0x1301))
	body = append(body, 1, 0)
	ext := vec(u16(nil, 0), vec(nil, vec([]byte{0}, []byte(sni))))
	body = vec(body, ext)
	hs := append([]byte{1, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	return vec([]byte{22, 3, 1}, hs)
}

func TestDetectionAcrossSegments(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 3128)
	feed(t, tr, concat(c.handshake(), c.c2s("GE"), c.c2s("T /split-method HTTP/1.1\r\n\r\n"), c.sAck(), c.cAck())...)
	if uris := s.withBuffer("http.uri"); len(uris) != 1 || uris[0].buffers["http.uri"] != "/split-method" {
		t.Errorf("uris %v", uris)
	}
	tr, s = newTracker(DefaultConfig())
	// a banner of a server-first protocol rulec does not parse (a "220"
	// banner would wait for the client: it may be SMTP's)
	c = newConn("10.0.0.1", "10.0.0.2", 40000, 5900)
	feed(t, tr, concat(c.handshake(), c.s2c("RFB 003.008 a server-first protocol whose banner runs past the probe bound\n"), c.c2s("GET / HTTP/1.1\r\n\r\n"))...)
	if n := len(s.of(inspect.KindApp)); n != 0 || s.units[len(s.units)-1].flow.App != "" {
		t.Errorf("server-first protocol parsed: %d app units", n)
	}
}

// TestSSHServerSpeaksFirst: an SSH server sends its banner before the
// client; the flow is SSH and each banner gives a unit of its direction.
func TestSSHServerSpeaksFirst(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 2222)
	feed(t, tr, concat(c.handshake(), c.s2c("SSH-2.0-OpenSSH_7.4\r\n"), c.c2s("SSH-2.0-libssh-0.7.2\r\n"), c.sAck(), c.cAck())...)
	var got []string
	for _, u := range s.of(inspect.KindApp) {
		p, _ := u.fields["ssh"]["client"].(map[string]any)
		got = append(got, fmt.Sprintf("%d %s %v", u.dir, u.flow.App, p["software_version"]))
	}
	want := []string{"2 ssh <nil>", "1 ssh libssh-0.7.2"}
	if !slices.Equal(got, want) {
		t.Errorf("units %q, want %q", got, want)
	}
	if len(s.withBuffer("ssh.software")) != 2 {
		t.Errorf("ssh.software units %d, want 2", len(s.withBuffer("ssh.software")))
	}
}

// TestUDPAppKnownOnFirstPacket: a UDP flow's app-layer protocol is picked
// before its first packet is inspected, as Suricata's flow worker does,
// so that the packet unit of the first DNS query is of a dns flow (an
// "alert dns ... content" rule inspects it).
func TestUDPAppKnownOnFirstPacket(t *testing.T) {
	for _, port := range []uint16{53, 5300} {
		tr, s := newTracker(DefaultConfig())
		feed(t, tr, udp("10.0.0.1", "10.0.0.53", 33333, port, dnsQuery(t, "a.example")))
		want := "dns"
		if port != 53 {
			want = appFailed
		}
		pkts := s.of(inspect.KindPacket)
		if len(pkts) != 1 || pkts[0].flow.AppDir[inspect.ToServer] != want {
			t.Errorf("port %d: packet units %+v, want one of a %s flow", port, pkts, want)
		}
	}
}

// TestUDPDNSOnlyOnItsPort: Suricata probes UDP for DNS on its detection
// port only; DNS-like datagrams elsewhere (NetBIOS name service queries
// between ports 137) fail detection and give no DNS transactions.
func TestUDPDNSOnlyOnItsPort(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	q := dnsQuery(t, "a.example")
	feed(t, tr, udp("10.0.0.1", "10.0.0.255", 137, 137, q), udp("10.0.0.1", "10.0.0.255", 137, 137, q))
	if qs := s.withBuffer("dns.query"); len(qs) != 0 {
		t.Errorf("dns.query units %v on port 137", qs)
	}
	for _, u := range s.of(inspect.KindPacket) {
		if u.app != "" || u.flow.AppDir[inspect.ToServer] != appFailed {
			t.Errorf("packet unit of a %q flow (to server %q), want detection failed", u.app, u.flow.AppDir[inspect.ToServer])
		}
	}
}

// An HTTP request from port 53 is HTTP: detection tries the protocols'
// patterns before the DNS port, as Suricata's pattern matcher runs before
// its probing parsers.
func TestHTTPFromDNSPort(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("192.168.1.5", "192.168.1.1", 53, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /%2e%2e/images.gif HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), c.sAck(), c.cAck())...)
	apps := s.of(inspect.KindApp)
	if len(apps) != 1 || apps[0].flow.App != "http" || apps[0].buffers["http.uri"] != "/images.gif" {
		t.Fatalf("app units %v", apps)
	}
}

// serverHello13 is a TLS 1.3 ServerHello record: the handshake's
// cleartext part ends with it.
func serverHello13() []byte {
	u16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	vec := func(b, body []byte) []byte { return append(u16(b, len(body)), body...) }
	body := u16(nil, 0x0303)
	body = append(body, make([]byte, 33)...)
	body = u16(body, 0x1301)
	body = append(body, 0)
	body = vec(body, vec(u16(nil, 43), u16(nil, 0x0304)))
	hs := append([]byte{2, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	return vec([]byte{22, 3, 3}, hs)
}

// TestTLSTransactionUnits: the hello's unit is inspected before the
// server's, which carries the hello's buffers too (transactional rules
// inspect both sides on it).
func TestTLSTransactionUnits(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	feed(t, tr, concat(c.handshake(), c.c2s(string(clientHello("tx.example"))), c.s2c(string(serverHello13())), c.cAck(), c.sAck())...)
	app := s.of(inspect.KindApp)
	if len(app) != 2 || app[0].dir != inspect.ToServer || app[1].dir != inspect.ToClient {
		t.Fatalf("app units %v", app)
	}
	if b := app[0].buffers; b["tls.sni"] != "tx.example" || b["ja3s.hash"] != "" {
		t.Errorf("hello unit buffers %v", b)
	}
	if b := app[1].buffers; b["tls.sni"] != "tx.example" || len(b["ja3.hash"]) != 32 || len(b["ja3s.hash"]) != 32 {
		t.Errorf("server unit buffers %v", b)
	}
	if app[0].tx != app[1].tx || app[0].tx == 0 {
		t.Errorf("transactions %d and %d", app[0].tx, app[1].tx)
	}
}
