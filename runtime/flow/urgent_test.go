package flow

import (
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

// urgent is a client segment with the URG flag and urgent pointer urg,
// advancing the client's sequence number.
func (c *conn) urgent(data string, urg uint16) []byte {
	f := pktgen.Build(pktgen.Spec{Src: c.cli, Dst: c.srv, Proto: 6, Sport: c.cport, Dport: c.sport, TCPFlags: psh | ack | 0x20,
		Seq: c.cseq, Ack: c.sseq, Urgent: urg, Payload: []byte(data)})
	c.cseq += uint32(len(data))
	return f
}

// TestUrgentPolicy checks what each stream.reassembly.urgent.policy makes
// of a segment whose last byte is urgent, as Suricata does: oob takes the
// byte out and closes the stream up behind it (the server's ACKs count
// it), gap leaves a one-byte hole, inline keeps it; the HTTP parser sees
// the same stream.
func TestUrgentPolicy(t *testing.T) {
	for _, tc := range []struct {
		policy          string
		stream, uri     string
		urgent, gapSeen uint64
	}{
		{"oob", "GET /malicXious HTTP/1.0\r\n\r\n", "/malicXious", 1, 0},
		{"gap", "GET /malicXious HTTP/1.0\r\n\r\n", "", 1, 1},
		{"inline", "GET /malicXYious HTTP/1.0\r\n\r\n", "/malicXYious", 0, 0},
	} {
		t.Run(tc.policy, func(t *testing.T) {
			cfg := DefaultConfig()
			if err := cfg.Set("stream.reassembly.urgent.policy", tc.policy); err != nil {
				t.Fatal(err)
			}
			tr, s := newTracker(cfg)
			c := newConn("10.0.0.1", "10.0.0.2", 40000, 9090)
			feed(t, tr, c.handshake()...)
			feed(t, tr, c.c2s("GET /malic"), c.urgent("XY", 2), c.frame(false, ack, c.sseq, c.cseq, ""),
				c.c2s("ious HTTP/1.0\r\n\r\n"), c.frame(false, ack, c.sseq, c.cseq, ""))
			feed(t, tr, c.close()...)
			tr.Flush()
			if got := s.stream(inspect.ToServer); got != tc.stream {
				t.Errorf("stream %q, want %q", got, tc.stream)
			}
			var uri string
			if us := s.withBuffer("http.uri"); len(us) > 0 {
				uri = us[0].buffers["http.uri"]
			}
			if uri != tc.uri {
				t.Errorf("uri %q, want %q", uri, tc.uri)
			}
			if st := tr.Stats(); st.UrgentBytes != tc.urgent || st.Gaps != tc.gapSeen {
				t.Errorf("urgent bytes %d gaps %d, want %d and %d", st.UrgentBytes, st.Gaps, tc.urgent, tc.gapSeen)
			}
		})
	}
}

// TestUrgentDropInline checks that the drop policy drops a segment with
// the URG flag in IPS mode, its data left out of the stream, and keeps it
// without IPS.
func TestUrgentDropInline(t *testing.T) {
	for _, ips := range []bool{true, false} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		if err := cfg.Set("stream.reassembly.urgent.policy", "drop"); err != nil {
			t.Fatal(err)
		}
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 9090)
		feed(t, tr, c.handshake()...)
		feed(t, tr, c.c2s("abc"), c.urgent("UU", 1), c.frame(false, ack, c.sseq, c.cseq, ""))
		tr.Flush()
		var reason string
		for _, u := range s.of(inspect.KindPacket) {
			if u.packet.DropReason != "" {
				reason = u.packet.DropReason
			}
		}
		want, stream := "", "abcUU"
		if ips {
			want, stream = DropUrgent, "abc"
		}
		if reason != want {
			t.Errorf("ips %v: drop reason %q, want %q", ips, reason, want)
		}
		if got := s.stream(inspect.ToServer); got != stream {
			t.Errorf("ips %v: stream %q, want %q", ips, got, stream)
		}
	}
}

func TestUrgentPolicySetting(t *testing.T) {
	cfg := DefaultConfig()
	if cfg.UrgentPolicy != UrgentOOB || cfg.OOBLimit != UrgentDrop {
		t.Errorf("defaults %v %v, want Suricata's suricata.yaml: oob, drop", cfg.UrgentPolicy, cfg.OOBLimit)
	}
	if err := cfg.Set("stream.reassembly.urgent.oob-limit-policy", "oob"); err == nil {
		t.Error("oob-limit-policy oob accepted")
	}
	if err := cfg.Set("stream.reassembly.urgent.policy", "sideways"); err == nil {
		t.Error("bad policy accepted")
	}
}
