package flow

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// appRecord is a TLS application data record of n bytes holding text.
func appRecord(text string) string {
	return string([]byte{23, 3, 3, byte(len(text) >> 8), byte(len(text))}) + text
}

// tlsSession is a TLS 1.3 session on port 443 up to the client's first
// application data, then more application data both ways.
func tlsSession(c *conn) [][]byte {
	return concat(c.handshake(),
		c.c2s(string(clientHello("enc.example"))), c.s2c(string(serverHello13())+appRecord("encrypted extensions")),
		c.c2s(appRecord("client finished")+appRecord("GET /secret-one")), c.s2c(appRecord("secret-two")),
		c.c2s(appRecord("secret-three")), c.s2c(""), c.c2s(""))
}

// TestTLSEncryptionHandling: at the first application data record (after
// the server's hello) the track-only default ends the payload inspection
// of the flow (no stream units after it), bypass bypasses the flow, full
// goes on inspecting.
func TestTLSEncryptionHandling(t *testing.T) {
	for _, tc := range []struct {
		mode              string
		noPayload, bypass bool
		streamSecrets     int
	}{{"track-only", true, false, 0}, {"bypass", true, true, 0}, {"full", false, false, 3}} {
		cfg := DefaultConfig()
		if err := cfg.Set("app-layer.protocols.tls.encryption-handling", tc.mode); err != nil {
			t.Fatal(err)
		}
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
		feed(t, tr, tlsSession(c)...)
		feed(t, tr, c.close()...)
		var f *inspect.Flow
		secrets := 0
		for _, u := range s.units {
			f = u.flow
			if u.kind == inspect.KindStream {
				secrets += strings.Count(u.buffers["payload"], "secret")
			}
		}
		if f == nil || f.NoPayload != tc.noPayload || f.Bypassed != tc.bypass || secrets != tc.streamSecrets {
			t.Errorf("%s: no payload %v, bypassed %v, secrets in stream units %d; want %v %v %d", tc.mode, f != nil && f.NoPayload, f != nil && f.Bypassed, secrets, tc.noPayload, tc.bypass, tc.streamSecrets)
		}
		if n := len(s.withBuffer("tls.sni")); n != 2 {
			t.Errorf("%s: %d units with tls.sni, want the hello's and the server's", tc.mode, n)
		}
	}
	cfg := DefaultConfig()
	if err := cfg.Set("app-layer.protocols.tls.encryption-handling", "sometimes"); err == nil {
		t.Error("bad value accepted")
	}
}

// TestTLSEarlyData: application data a client offering early data sends
// before the server's hello does not end the inspection (Suricata waits
// for the server's hello); without the offer it does.
func TestTLSEarlyData(t *testing.T) {
	for _, early := range []bool{true, false} {
		hello := clientHello("early.example")
		if early {
			hello = withEarlyData(hello)
		}
		tr, s := newTracker(DefaultConfig())
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
		feed(t, tr, concat(c.handshake(), c.c2s(string(hello)+appRecord("0-rtt data")), c.s2c(""))...)
		f := s.units[len(s.units)-1].flow
		if f.NoPayload == early {
			t.Errorf("early data %v: payload inspection ended %v", early, f.NoPayload)
		}
		feed(t, tr, c.s2c(string(serverHello13())), c.c2s(appRecord("after")), c.s2c(""))
		if !f.NoPayload {
			t.Errorf("early data %v: inspection goes on after the server's hello and more data", early)
		}
	}
}

// withEarlyData adds an early_data extension to a clientHello record.
func withEarlyData(rec []byte) []byte {
	out := append([]byte(nil), rec...)
	out = append(out, 0, 42, 0, 0)
	grow := func(i, n int) {
		v := int(out[i])<<8 | int(out[i+1]) + n
		out[i], out[i+1] = byte(v>>8), byte(v)
	}
	grow(3, 4) // record length
	v := int(out[6])<<16 | int(out[7])<<8 | int(out[8]) + 4
	out[6], out[7], out[8] = byte(v>>16), byte(v>>8), byte(v)
	// extensions length: after version, random, session id, suites, compression
	i := 9 + 2 + 32
	i += 1 + int(out[i])
	i += 2 + (int(out[i])<<8 | int(out[i+1]))
	i += 1 + int(out[i])
	grow(i, 4)
	return out
}

// sshRecord is an SSH binary packet carrying payload (no padding, no MAC).
func sshRecord(payload ...byte) string {
	n := len(payload) + 1
	return string(append([]byte{0, 0, 0, byte(n), 0}, payload...))
}

// TestSSHEncryptionHandling: once both sides sent NEWKEYS, the track-only
// default ends the payload inspection of the flow, bypass bypasses it,
// full goes on.
func TestSSHEncryptionHandling(t *testing.T) {
	for _, tc := range []struct {
		mode              string
		noPayload, bypass bool
	}{{"track-only", true, false}, {"bypass", true, true}, {"full", false, false}} {
		cfg := DefaultConfig()
		if err := cfg.Set("app-layer.protocols.ssh.encryption-handling", tc.mode); err != nil {
			t.Fatal(err)
		}
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 22)
		feed(t, tr, concat(c.handshake(), c.s2c("SSH-2.0-OpenSSH_9.6\r\n"), c.c2s("SSH-2.0-OpenSSH_9.6\r\n"),
			c.s2c(sshRecord(21)), c.c2s(""))...)
		f := s.units[len(s.units)-1].flow
		if f.NoPayload {
			t.Fatalf("%s: payload inspection ended after one side's NEWKEYS", tc.mode)
		}
		feed(t, tr, c.c2s(sshRecord(21)), c.s2c(""))
		if f.NoPayload != tc.noPayload || f.Bypassed != tc.bypass {
			t.Errorf("%s: no payload %v, bypassed %v; want %v %v", tc.mode, f.NoPayload, f.Bypassed, tc.noPayload, tc.bypass)
		}
	}
}
