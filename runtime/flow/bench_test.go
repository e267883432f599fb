package flow

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// httpMix is the frames of flows HTTP connections interleaved packet by
// packet: handshake, a request split in two segments, a response with a
// 4 KiB body (plain, chunked or gzip) in MSS-sized segments, FIN.
func httpMix(flows int) [][]byte {
	page := strings.Repeat("<p>benchmark body text</p>\n", 160)[:4096]
	zipped := gzipped(page)
	var perFlow [][][]byte
	for i := range flows {
		c := newConn(fmt.Sprintf("10.1.%d.%d", i/250, i%250+1), "10.2.0.1", uint16(20000+i), 80)
		req := fmt.Sprintf("GET /item/%d?q=%%41b HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: bench/1.0\r\nAccept: */*\r\nCookie: s=%d\r\n\r\n", i, i)
		var resp string
		switch i % 3 {
		case 0:
			resp = fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(page), page)
		case 1:
			resp = fmt.Sprintf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(page), page)
		case 2:
			resp = fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(zipped), zipped)
		}
		fs := concat(c.handshake(), c.c2s(req[:20]), c.c2s(req[20:]))
		for len(resp) > 0 {
			n := min(1448, len(resp))
			fs = append(fs, c.s2c(resp[:n]))
			resp = resp[n:]
		}
		perFlow = append(perFlow, concat(fs, c.frame(true, ack, c.cseq, c.sseq, ""), c.close()))
	}
	var out [][]byte
	for i := 0; ; i++ {
		added := false
		for _, fs := range perFlow {
			if i < len(fs) {
				out = append(out, fs[i])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// BenchmarkHTTPMix measures decode, flow tracking, reassembly and HTTP
// parsing per packet.
func BenchmarkHTTPMix(b *testing.B) {
	frames := httpMix(64)
	var units, apps int
	tr := NewTracker(DefaultConfig(), func(u *inspect.Unit) {
		units++
		if u.Kind == inspect.KindApp {
			apps++
		}
	})
	ts := t0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, f := range frames {
			ts = ts.Add(time.Microsecond)
			if _, err := tr.Frame(ts, f); err != nil {
				b.Fatal(err)
			}
		}
	}
	tr.Flush()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(frames)), "ns/packet")
	if apps != b.N*64*3 {
		b.Fatalf("%d app units for %d transactions", apps, b.N*64)
	}
}

// BenchmarkUDPPackets measures decode and flow tracking alone: 256 UDP
// flows, one KindPacket unit per packet.
func BenchmarkUDPPackets(b *testing.B) {
	var frames [][]byte
	for i := range 256 {
		frames = append(frames, udp(fmt.Sprintf("10.3.0.%d", i), "10.4.0.1", uint16(1024+i), 5000, []byte("datagram payload")))
	}
	tr := NewTracker(DefaultConfig(), func(*inspect.Unit) {})
	ts := t0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, f := range frames {
			ts = ts.Add(time.Microsecond)
			if _, err := tr.Frame(ts, f); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(frames)), "ns/packet")
}
