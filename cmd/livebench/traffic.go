package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// The mix: one slot in httpEvery is an HTTP request, the others DNS
// queries; one DNS query in dnsMatchEvery and one HTTP request in
// httpMatchEvery carries a name or User-Agent that ET Open alerts on.
const (
	httpEvery      = 10
	dnsMatchEvery  = 100
	httpMatchEvery = 20
	udpSockets     = 8
	tcpConns       = 4
	burst          = 64
)

// matches are the ET Open rules the mix triggers: each matching query or
// request should raise one alert of its sid.
var (
	dnsMatches = []struct {
		name string
		sid  uint64
	}{
		{"gdprcountryrestriction.com", 2030014}, // dns.query; content; nocase; bsize:26
		{"cdn.honeypoc.io", 2034111},            // dns.query; content:"honeypoc.io"; endswith
	}
	httpMatch = struct {
		agent string
		sid   uint64
	}{"Medunja Solodunnja", 2026114} // http.user_agent; content; depth:18; nocase
)

// serve answers HTTP on addr:80 and swallows UDP on addr:53, from
// sockets opened in the server's namespace.
func serve(p *pair) (stop func(), err error) {
	var ln net.Listener
	var udp net.PacketConn
	err = in(p.server, func() error {
		if ln, err = net.Listen("tcp", p.serverAddr+":80"); err != nil {
			return err
		}
		udp, err = net.ListenPacket("udp", p.serverAddr+":53")
		return err
	})
	if err != nil {
		if ln != nil {
			ln.Close()
		}
		return nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })}
	go srv.Serve(ln)
	go func() {
		buf := make([]byte, 2048)
		for {
			if _, _, err := udp.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	return func() { srv.Close(); udp.Close() }, nil
}

// sent counts what the client sent.
type sent struct {
	packets, dns, http uint64
	expected           map[uint64]uint64
	elapsed            time.Duration
}

// send paces rate sends per second for d from the client's namespace.
func send(p *pair, rate int, d time.Duration) (*sent, error) {
	var udps []net.Conn
	var tcps []net.Conn
	err := in(p.client, func() error {
		for range udpSockets {
			c, err := net.Dial("udp", p.serverAddr+":53")
			if err != nil {
				return err
			}
			udps = append(udps, c)
		}
		for range tcpConns {
			c, err := net.Dial("tcp", p.serverAddr+":80")
			if err != nil {
				return err
			}
			tcps = append(tcps, c)
		}
		return nil
	})
	defer func() {
		for _, c := range append(udps, tcps...) {
			c.Close()
		}
	}()
	if err != nil {
		return nil, err
	}
	for _, c := range tcps {
		go io.Copy(io.Discard, c)
	}
	s := &sent{expected: map[uint64]uint64{}}
	query := make([]byte, 0, 512)
	start := time.Now()
	for {
		now := time.Since(start)
		if now >= d {
			break
		}
		due := uint64(now.Seconds() * float64(rate))
		if s.packets >= due {
			time.Sleep(100 * time.Microsecond)
			continue
		}
		// Behind schedule, it sends in bursts of at most burst and looks
		// at the clock again: the run ends on time, whatever rate it got.
		for end := min(due, s.packets+burst); s.packets < end; s.packets++ {
			if s.packets%httpEvery == httpEvery-1 {
				agent := "Mozilla/5.0 (X11; Linux x86_64)"
				if s.http%httpMatchEvery == 0 {
					agent = httpMatch.agent
					s.expected[httpMatch.sid]++
				}
				req := fmt.Sprintf("GET /index.html?n=%d HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: */*\r\n\r\n", s.http, p.serverAddr, agent)
				if _, err := io.WriteString(tcps[s.http%tcpConns], req); err != nil {
					return nil, fmt.Errorf("http request %d: %w", s.http, err)
				}
				s.http++
				continue
			}
			name := fmt.Sprintf("host%d.example.org", s.dns%5000)
			if s.dns%dnsMatchEvery == 0 {
				m := dnsMatches[(s.dns/dnsMatchEvery)%uint64(len(dnsMatches))]
				name = m.name
				s.expected[m.sid]++
			}
			query = dnsQuery(query[:0], uint16(s.dns), name)
			if _, err := udps[s.dns%udpSockets].Write(query); err != nil {
				return nil, fmt.Errorf("dns query %d: %w", s.dns, err)
			}
			s.dns++
		}
	}
	s.elapsed = time.Since(start)
	time.Sleep(200 * time.Millisecond)
	return s, nil
}

// dnsQuery appends a standard query for name's A record.
func dnsQuery(b []byte, id uint16, name string) []byte {
	b = binary.BigEndian.AppendUint16(b, id)
	b = append(b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0)
	for _, label := range strings.Split(name, ".") {
		b = append(b, byte(len(label)))
		b = append(b, label...)
	}
	return append(b, 0, 0, 1, 0, 1)
}
