package flow

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestGuessedTx: with detect.guess-applayer-tx, a packet unit carries
// the HTTP transaction its direction is inspecting while that is the
// flow's newest; Suricata's inspect_id moves past a transaction at the
// end of the packet whose detection inspected its direction's last
// stage. Inline the request is parsed (and inspected) with its own
// packet; in IDS mode on the server's acknowledging packet, and
// inspected on the client's next.
func TestGuessedTx(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   func(*Config)
		guess []uint64 // by packet after the handshake: the guessed Tx, 0 for none
	}{
		{"ips", func(c *Config) { c.IPS, c.GuessTx = true, true }, []uint64{1, 1, 0, 0}},
		{"ids", func(c *Config) { c.GuessTx = true }, []uint64{0, 1, 1, 1, 0, 0}},
		{"off", func(*Config) {}, []uint64{0, 0, 0, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.set(&cfg)
			tr, s := newTracker(cfg)
			c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
			hs := c.handshake()
			frames := concat(c.c2s("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
			for range len(tc.guess) - 2 {
				frames = append(frames, c.c2s(""), c.s2c(""))
			}
			feed(t, tr, concat(hs, frames[:len(tc.guess)])...)
			var got []uint64
			for _, u := range s.of(inspect.KindPacket)[len(hs):] {
				got = append(got, u.guess)
			}
			if !slices.Equal(got, tc.guess) {
				t.Errorf("guessed %v, want %v", got, tc.guess)
			}
		})
	}
}

// TestGuessedTxSections: the guessed transaction carries its EVE http
// section as last parsed, and the limit configured.
func TestGuessedTxSections(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Set("detect.guess-applayer-tx", "yes"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Set("detect.stream-tx-log-limit", "7"); err != nil {
		t.Fatal(err)
	}
	cfg.IPS = true
	var seen *inspect.GuessedTx
	tr := NewTracker(cfg, func(u *inspect.Unit) {
		if u.Kind == inspect.KindPacket && u.Guess != nil {
			seen = u.Guess
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"))...)
	if seen == nil || seen.Tx != 1 || seen.Limit != 7 || seen.Sections()["http"]["url"] != "/a" {
		t.Fatalf("guessed %+v", seen)
	}
	if err := cfg.Set("detect.stream-tx-log-limit", "256"); err == nil {
		t.Error("a limit past 255 taken")
	}
}

// TestGuessedTxTLS: a TLS flow's one transaction, unfinished until the
// flow ends, is guessed on every packet once its parser took data, with
// the handshake's tls section as it is then.
func TestGuessedTxTLS(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IPS, cfg.GuessTx = true, true
	var got []string
	tr := NewTracker(cfg, func(u *inspect.Unit) {
		if u.Kind != inspect.KindPacket {
			return
		}
		sni := "-"
		if g := u.Guess; g != nil {
			sni = fmt.Sprint(g.Tx, " ", g.Sections()["tls"]["sni"])
		}
		got = append(got, sni)
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	feed(t, tr, concat(c.handshake(), c.c2s(string(clientHello("a.example"))), c.s2c(""), c.c2s(""))...)
	if want := []string{"-", "-", "-", "1 a.example", "1 a.example", "1 a.example"}; !slices.Equal(got, want) {
		t.Errorf("guessed %q, want %q", got, want)
	}
}
