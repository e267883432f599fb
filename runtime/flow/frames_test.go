package flow

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// frameUnit is a KindFrame unit as a test keeps it.
type frameUnit struct {
	dir   inspect.Dir
	frame inspect.Frame
	data  string
	pcap  bool // the unit came with a packet
	ssh   bool // it carries the flow's ssh record
	url   any  // the http section's url
}

func frameTracker(cfg Config, types ...string) (*Tracker, *[]frameUnit) {
	cfg.Frames = map[string]bool{}
	for _, ty := range types {
		cfg.Frames[ty] = true
	}
	var got []frameUnit
	tr := NewTracker(cfg, func(u *inspect.Unit) {
		if u.Kind != inspect.KindFrame {
			return
		}
		proto, _, _ := cutDot(u.Flow.App)
		b, ok := u.Buffer(ir.FrameBuffer(proto, u.Frame.Type))
		if !ok {
			panic("frame unit without its frame buffer")
		}
		fr := *u.Frame
		fr.Payload = bytes.Clone(fr.Payload)
		_, ssh := u.Fields["ssh"]
		got = append(got, frameUnit{dir: u.Dir, frame: fr, data: string(b), pcap: u.Packet != nil, ssh: ssh, url: u.Fields["http"]["url"]})
	})
	return tr, &got
}

// sshPacketOf is a binary packet: packet_length, padding_length, payload
// (its first byte the message code), padding.
func sshPacketOf(code byte, body string, pad int) string {
	n := 1 + 1 + len(body) + pad
	b := binary.BigEndian.AppendUint32(nil, uint32(n))
	b = append(b, byte(pad), code)
	b = append(b, body...)
	return string(append(b, make([]byte, pad)...))
}

// TestSSHFrames: each SSH binary packet gives its record.hdr, record.data
// and record.pdu frames, ids counting per direction from 1 in Suricata's
// order, offsets in the direction's stream; a record split over segments
// is inspected once whole; types no rule inspects are not marked.
func TestSSHFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "ssh.record.hdr", "ssh.record.data", "ssh.record.pdu")
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 22)
	cb, sb := "SSH-2.0-client\r\n", "SSH-2.0-server\r\n"
	kex := sshPacketOf(20, strings.Repeat("k", 40), 4)
	ecdh := sshPacketOf(30, "\x00\x00\x00\x20"+strings.Repeat("e", 32), 6)
	newKeys := sshPacketOf(21, "", 10)
	feed(t, tr, concat(c.handshake(), c.s2c(sb), c.c2s(cb), c.s2c(kex),
		c.c2s(kex[:20]), c.sAck(), c.c2s(kex[20:]+ecdh[:3]), c.sAck(), c.c2s(ecdh[3:]), c.sAck(), c.c2s(newKeys), c.sAck(), c.cAck())...)
	type want struct {
		dir      inspect.Dir
		typ      string
		id       int64
		off      uint64
		data     string
		complete bool
	}
	off := uint64(len(cb))
	wants := []want{
		{inspect.ToClient, "record.hdr", 1, uint64(len(sb)), kex[:6], true},
		{inspect.ToClient, "record.data", 2, uint64(len(sb)) + 6, kex[6:], true},
		{inspect.ToClient, "record.pdu", 3, uint64(len(sb)), kex, true},
		{inspect.ToServer, "record.hdr", 1, off, kex[:6], true},
		{inspect.ToServer, "record.data", 2, off + 6, kex[6:], true},
		{inspect.ToServer, "record.pdu", 3, off, kex, true},
		{inspect.ToServer, "record.hdr", 4, off + uint64(len(kex)), ecdh[:6], true},
		{inspect.ToServer, "record.data", 5, off + uint64(len(kex)) + 6, ecdh[6:], true},
		{inspect.ToServer, "record.pdu", 6, off + uint64(len(kex)), ecdh, true},
		{inspect.ToServer, "record.hdr", 7, off + uint64(len(kex)+len(ecdh)), newKeys[:6], true},
	}
	if len(*got) < len(wants) {
		t.Fatalf("%d frame units, want at least %d: %+v", len(*got), len(wants), *got)
	}
	for i, w := range wants {
		g := (*got)[i]
		if g.dir != w.dir || g.frame.Type != w.typ || g.frame.ID != w.id || g.frame.Offset != w.off || g.data != w.data ||
			g.frame.Complete != w.complete || g.frame.Length != int64(len(w.data)) || string(g.frame.Payload) != w.data || g.frame.Tx != 0 || !g.pcap || !g.ssh {
			t.Errorf("frame %d: got %v %s id %d off %d len %d complete %v tx %d %q, want %v %s id %d off %d %q", i, g.dir, g.frame.Type, g.frame.ID,
				g.frame.Offset, g.frame.Length, g.frame.Complete, g.frame.Tx, g.data, w.dir, w.typ, w.id, w.off, w.data)
		}
	}
	if n := len(*got); n != len(wants)+2 {
		t.Errorf("%d frame units, want %d (NEWKEYS' data and pdu last)", n, len(wants)+2)
	}

	tr, got = frameTracker(Config{}, "ssh.record.pdu")
	c = newConn("10.0.0.1", "10.0.0.2", 40001, 22)
	feed(t, tr, concat(c.handshake(), c.c2s(cb), c.s2c(sb), c.c2s(kex+ecdh), c.sAck(), c.cAck())...)
	var ids []string
	for _, g := range *got {
		ids = append(ids, fmt.Sprintf("%s:%d", g.frame.Type, g.frame.ID))
	}
	if s := strings.Join(ids, " "); s != "record.pdu:1 record.pdu:2" {
		t.Errorf("only record.pdu inspected: frames %s, want record.pdu:1 record.pdu:2", s)
	}
}

// TestStreamFrame: a direction's stream frame has no known end: in IDS
// mode it is inspected each time 2,500 new bytes came and once more at
// the stream's end, each byte once; in IPS mode at every update and at
// the end, the last 2,500 bytes again.
func TestStreamFrame(t *testing.T) {
	req := "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 6100\r\n\r\n"
	body := strings.Repeat("b", 6100)
	segs := []string{req + body[:1000], body[1000:2000], body[2000:3000], body[3000:6000], body[6000:]}
	whole := req + body
	for _, ips := range []bool{false, true} {
		tr, got := frameTracker(Config{IPS: ips}, "http.stream")
		c := newConn("10.0.0.1", "10.0.0.2", 40002, 80)
		frames := c.handshake()
		for _, s := range segs {
			frames = append(frames, c.c2s(s))
			if !ips {
				frames = append(frames, c.sAck()) // IDS: parsed once acknowledged
			}
		}
		feed(t, tr, concat(frames, c.close())...)
		var pieces []string
		for _, g := range *got {
			if g.dir != inspect.ToServer || g.frame.Type != "stream" || g.frame.ID != 1 || g.frame.Offset != 0 {
				t.Fatalf("ips %v: unit %+v", ips, g)
			}
			pieces = append(pieces, fmt.Sprintf("%d", len(g.data)))
		}
		last := (*got)[len(*got)-1]
		want := "3049 3000 100"
		if ips {
			want = "1049 2049 3049 5500 2600 2500"
		}
		if s := strings.Join(pieces, " "); s != want {
			t.Errorf("ips %v: pieces %s, want %s", ips, s, want)
		}
		if string(last.frame.Payload) != whole || last.frame.Length != int64(len(whole)) {
			t.Errorf("ips %v: last unit logs %d bytes, length %d; want the stream's %d", ips, len(last.frame.Payload), last.frame.Length, len(whole))
		}
		if !ips {
			if (*got)[0].data+(*got)[1].data+last.data != whole || !last.frame.Complete {
				t.Error("IDS: pieces are not the stream each byte once, or the stream's end did not complete the frame")
			}
		} else if !strings.HasSuffix(whole, last.data) || !last.frame.Complete || (*got)[len(*got)-2].frame.Complete {
			t.Error("IPS: the last piece is not the stream's last 2,500 bytes completing the frame at the stream's end")
		}
	}
}

// TestLongFrameInPieces: a frame longer than the frame window is
// inspected in pieces as its bytes would leave it, every byte once.
func TestLongFrameInPieces(t *testing.T) {
	tr, got := frameTracker(Config{}, "ssh.record.pdu")
	c := newConn("10.0.0.1", "10.0.0.2", 40003, 22)
	cb := "SSH-2.0-client\r\n"
	rec := sshPacketOf(99, strings.Repeat("x", 3*frameWindow), 4)
	frames := concat(c.handshake(), c.s2c("SSH-2.0-server\r\n"), c.c2s(cb))
	for i := 0; i < len(rec); i += 1400 {
		frames = append(frames, c.c2s(rec[i:min(i+1400, len(rec))]), c.sAck())
	}
	feed(t, tr, append(frames, c.cAck())...)
	var joined strings.Builder
	for _, g := range *got {
		joined.WriteString(g.data)
	}
	st := tr.Stats()
	if len(*got) < 2 || joined.String() != rec || st.FramePieces == 0 || st.FrameBytesLost != 0 {
		t.Errorf("%d units, %d of %d bytes, %d pieces, %d lost", len(*got), joined.Len(), len(rec), st.FramePieces, st.FrameBytesLost)
	}
	if last := (*got)[len(*got)-1]; !last.frame.Complete || last.frame.Length != int64(len(rec)) {
		t.Errorf("last piece: complete %v length %d", last.frame.Complete, last.frame.Length)
	}
}

// frameList renders frame units as "dir type id off len tx".
func frameList(got []frameUnit) string {
	var out []string
	for _, g := range got {
		out = append(out, fmt.Sprintf("%d %s %d %d %d %d", g.dir, g.frame.Type, g.frame.ID, g.frame.Offset, len(g.data), g.frame.Tx))
	}
	return strings.Join(out, ", ")
}

// TestTLSFrames: each TLS record gives its hdr, pdu and data frames (and
// alert data for an alert record), application data records too; a
// record header Suricata refuses ends the marking.
func TestTLSFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "tls.hdr", "tls.pdu", "tls.data", "tls.alert")
	c := newConn("10.0.0.1", "10.0.0.2", 40004, 443)
	hello, sh := string(clientHello("a.example")), string(serverHello13())
	appData := "\x17\x03\x03\x00\x04abcd"
	alert := "\x15\x03\x03\x00\x02\x02\x28"
	bad := "\x17\x03\x09\x00\x01x" + appData
	feed(t, tr, concat(c.handshake(), c.c2s(hello[:3]), c.c2s(hello[3:]), c.s2c(sh), c.c2s(appData+alert), c.c2s(bad), c.sAck(), c.cAck())...)
	h, a := len(hello), len(appData)
	want := fmt.Sprintf("1 hdr 1 0 5 -1, 1 pdu 2 0 %d -1, 1 data 3 5 %d -1, ", h, h-5) +
		fmt.Sprintf("2 hdr 1 0 5 -1, 2 pdu 2 0 %d -1, 2 data 3 5 %d -1, ", len(sh), len(sh)-5) +
		fmt.Sprintf("1 hdr 4 %d 5 -1, 1 pdu 5 %d %d -1, 1 data 6 %d 4 -1, ", h, h, a, h+5) +
		fmt.Sprintf("1 hdr 7 %d 5 -1, 1 pdu 8 %d 7 -1, 1 data 9 %d 2 -1, 1 alert 10 %d 2 -1", h+a, h+a, h+a+5, h+a+5)
	if s := frameList(*got); s != want {
		t.Errorf("frames\n%s\nwant\n%s", s, want)
	}
}

// TestDCERPCFrames: a DCE/RPC PDU gives its hdr, pdu and data frames
// once it is whole; a header-only PDU gives none.
func TestDCERPCFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "dcerpc.hdr", "dcerpc.pdu", "dcerpc.data")
	c := newConn("10.0.0.1", "10.0.0.2", 40005, 135)
	req := dcePDU(0, 3, 1, dceRequest(0, 1, "stub"))
	empty := dcePDU(0, 3, 2, nil)
	feed(t, tr, concat(c.handshake(), c.c2s(req[:20]), c.c2s(req[20:]+empty+req), c.sAck(), c.cAck())...)
	n, m := len(req), len(req)+len(empty)
	want := fmt.Sprintf("1 hdr 1 0 16 -1, 1 pdu 2 0 %d -1, 1 data 3 16 %d -1, 1 hdr 4 %d 16 -1, 1 pdu 5 %d %d -1, 1 data 6 %d %d -1",
		n, n-16, m, m, n, m+16, n-16)
	if s := frameList(*got); s != want {
		t.Errorf("frames\n%s\nwant\n%s", s, want)
	}
}

// TestDNSFrames: a DNS message is a pdu frame, past a TCP message's
// length prefix, of its Suricata 8 transaction (one per message, from
// 1); a UDP one's offsets are in its datagram.
func TestDNSFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "dns.pdu")
	q := string(dnsQuery(t, "a.example"))
	msg := string(binary.BigEndian.AppendUint16(nil, uint16(len(q)))) + q
	c := newConn("10.0.0.1", "10.0.0.53", 40006, 53)
	feed(t, tr, concat(c.handshake(), c.c2s(msg+msg[:5]), c.c2s(msg[5:]+"\x00\x03bad"), c.sAck(), c.cAck(), udp("10.0.0.1", "10.0.0.53", 40007, 53, []byte(q)))...)
	n := len(q)
	want := fmt.Sprintf("1 pdu 1 2 %d 1, 1 pdu 2 %d %d 2, 1 pdu 3 %d 3 -1, 1 pdu 1 0 %d 1", n, n+4, n, 2*n+6, n)
	if s := frameList(*got); s != want {
		t.Errorf("frames\n%s\nwant\n%s", s, want)
	}
	if last := (*got)[len(*got)-1]; !last.frame.Datagram || !last.frame.Complete || last.data != q {
		t.Errorf("UDP frame %+v", last.frame)
	}
}

// TestHTTPFrames: each HTTP message is a request or response frame of its
// transaction, from the end of the previous message (blank lines before
// a request included) to its own end, however its body is delimited.
func TestHTTPFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "http.request", "http.response")
	c := newConn("10.0.0.1", "10.0.0.2", 40008, 80)
	req1 := "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
	req2 := "\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
	resp1 := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	resp2 := "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end"
	feed(t, tr, concat(c.handshake(), c.c2s(req1+req2[:30]), c.c2s(req2[30:]), c.s2c(resp1[:20]), c.s2c(resp1[20:]+resp2), c.close())...)
	r1, r2, s1, s2 := len(req1), len(req2), len(resp1), len(resp2)
	want := fmt.Sprintf("1 request 1 0 %d 0, 1 request 2 %d %d 1, 2 response 1 0 %d 0, 2 response 2 %d %d 1", r1, r1, r2, s1, s1, s2)
	if s := frameList(*got); s != want {
		t.Errorf("frames\n%s\nwant\n%s", s, want)
	}
	for i, g := range *got {
		url := []string{"/a", "/b"}[i%2]
		if !g.frame.Complete || g.url != url {
			t.Errorf("%s %d: complete %v, http url %v, want %s", g.frame.Type, g.frame.ID, g.frame.Complete, g.url, url)
		}
	}
}

// TestSMTPFrames: the SMTP parser's frames reach the tracker: two frames
// per command line (with its line end and no transaction, then without
// it and with the transaction, as Suricata), a frame per reply line of
// its transaction, and the mail's data from after the DATA line through
// the "." line.
func TestSMTPFrames(t *testing.T) {
	tr, got := frameTracker(Config{}, "smtp.command_line", "smtp.response_line", "smtp.data")
	c := newConn("10.0.0.1", "10.0.0.25", 40009, 25)
	data := "Subject: hi\r\n\r\nbody\r\n.\r\n"
	feed(t, tr, concat(c.handshake(), c.s2c("220 mail.example.com ESMTP\r\n"), c.c2s("HELO x\r\n"), c.s2c("250 ok\r\n"),
		c.c2s("MAIL FROM:<a@b>\r\n"), c.s2c("250 ok\r\n"), c.c2s("DATA\r\n"), c.s2c("354 go\r\n"), c.c2s(data), c.s2c("250 queued\r\n"), c.cAck(), c.sAck())...)
	want := "2 response_line 1 0 28 -1, 1 command_line 1 0 8 -1, 1 command_line 2 0 6 0, 2 response_line 2 28 8 0, " +
		"1 command_line 3 8 17 -1, 1 command_line 4 8 15 0, 2 response_line 3 36 8 0, 1 command_line 5 25 6 -1, 1 command_line 6 25 4 0, " +
		"2 response_line 4 44 8 0, 1 data 7 31 24 0, 2 response_line 5 52 12 0"
	if s := frameList(*got); s != want {
		t.Errorf("frames\n%s\nwant\n%s", s, want)
	}
}
