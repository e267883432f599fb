package tls

import (
	"crypto/x509/pkix"
	"math/big"
	"slices"
	"testing"
	"time"
)

// serverHello is a TLS 1.2 ServerHello message without extensions.
func serverHello() []byte {
	body := append([]byte{3, 3}, make([]byte, 32)...)
	return handshake(typeServerHello, append(body, 0, 0xc0, 0x2f, 0))
}

// certMsg is a Certificate message of the certificates given.
func certMsg(certs ...[]byte) []byte {
	var list []byte
	for _, c := range certs {
		list = append(list, byte(len(c)>>16), byte(len(c)>>8), byte(len(c)))
		list = append(list, c...)
	}
	return handshake(typeCertificate, append([]byte{byte(len(list) >> 16), byte(len(list) >> 8), byte(len(list))}, list...))
}

// feedEvents feeds a direction's stream in pieces of size bytes and
// returns the names of the events raised.
func feedEvents(c *Checker, dir int, stream []byte, size int) []string {
	var ev EventSet
	for i := 0; i < len(stream); i += size {
		ev |= c.Feed(dir, stream[i:min(i+size, len(stream))])
	}
	return ev.Names()
}

func TestCheckerCleanHandshake(t *testing.T) {
	var c Checker
	if got := feedEvents(&c, 0, records(hello("a.example"), 40), 3); len(got) != 0 {
		t.Errorf("client hello raised %v", got)
	}
	sh := record(append(append(serverHello(), certMsg(testCert(t, pkix.Name{CommonName: "x"}, big.NewInt(7), time.Unix(0, 0), time.Unix(1e9, 0), nil, nil))...), handshake(typeServerHelloDone, nil)...))
	if got := feedEvents(&c, 1, sh, 5); len(got) != 0 {
		t.Errorf("server handshake raised %v", got)
	}
	ccs := []byte{recordChangeCipherSpec, 3, 3, 0, 1, 1}
	// after ChangeCipherSpec, an encrypted handshake message of any type
	fin := []byte{recordHandshake, 3, 3, 0, 8, 0x9e, 0, 0, 4, 1, 2, 3, 4}
	if got := feedEvents(&c, 0, append(ccs, fin...), 100); len(got) != 0 {
		t.Errorf("ChangeCipherSpec and encrypted Finished raised %v", got)
	}
}

// TestCheckerCertificate: the first certificate that does not decode
// raises what Suricata's x509 parser reports (an element header cut
// short: a length error; an element past its container: an invalid
// certificate), and a handshake message of no known type before
// ChangeCipherSpec an invalid handshake message, the walk going on.
func TestCheckerCertificate(t *testing.T) {
	for _, tc := range []struct {
		cert []byte
		want string
	}{
		{[]byte{0x30, 0x05, 0x30, 0x84, 0xff, 0xff, 0xff, 0xfa, 0x04}, "tls.certificate_invalid_length"},
		{[]byte{0x30, 0x06, 0x30, 0x84, 0xff, 0xff, 0xff, 0xfa, 0x04}, "tls.invalid_certificate"},
		{[]byte{0x31, 0x00}, "tls.certificate_invalid_der"},
	} {
		var c Checker
		bogus := []byte{0x84, 0xff, 0xff, 0xff, 'A', 'A'}
		stream := record(append(append(serverHello(), certMsg(tc.cert)...), bogus...))
		stream = append(stream, record(handshake(typeServerHelloDone, nil))...)
		got := feedEvents(&c, 1, stream, 7)
		want := []string{"tls.invalid_handshake_message", tc.want}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("certificate % x: events %v, want %v", tc.cert, got, want)
		}
		if c.stop {
			t.Errorf("certificate % x: the walk stopped", tc.cert)
		}
	}
}

func TestCheckerRecordHeaders(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stream []byte
		want   []string
		stop   bool
	}{
		{"unknown type after TLS 1.0 is skipped", []byte{recordAlert, 3, 1, 0, 2, 1, 0, 0x30, 3, 1, 0, 1, 0}, []string{"tls.invalid_record_type"}, false},
		{"unknown type after a TLS 1.2 hello fails", append(records(hello("a"), 1000), 0x30, 3, 1, 0, 1, 0), []string{"tls.invalid_record_type"}, true},
		{"unknown type after TLS 1.2 fails", []byte{recordHandshake, 3, 3, 0, 4, 14, 0, 0, 0, 0x30, 3, 3, 0, 1, 0}, []string{"tls.invalid_record_type"}, true},
		{"zero length", []byte{recordAlert, 3, 3, 0, 0}, []string{"tls.invalid_record_length"}, true},
		{"too long", []byte{recordApplicationData, 3, 3, 0x44, 1}, []string{"tls.invalid_record_length"}, true},
		{"version", []byte{recordAlert, 3, 9, 0, 2, 1, 0}, []string{"tls.invalid_record_version"}, true},
		{"short alert", []byte{recordAlert, 3, 3, 0, 1, 1}, []string{"tls.invalid_alert_message"}, true},
		{"short handshake record", []byte{recordHandshake, 3, 3, 0, 3, 1, 0, 0}, []string{"tls.invalid_ssl_record"}, true},
		{"message header split", []byte{recordHandshake, 3, 3, 0, 6, 14, 0, 0, 0, 1, 0}, []string{"tls.invalid_handshake_message", "tls.invalid_ssl_record"}, true},
		{"sslv2 empty record", []byte{0x80, 0x00, 1}, []string{"tls.invalid_sslv2_header"}, true},
		{"sslv2 error", []byte{0x80, 0x03, 0, 0, 1}, []string{"tls.error_message_encountered"}, false},
	} {
		var c Checker
		got := feedEvents(&c, 0, tc.stream, 4)
		if !slices.Equal(got, tc.want) || c.stop != tc.stop {
			t.Errorf("%s: events %v stopped %v, want %v %v", tc.name, got, c.stop, tc.want, tc.stop)
		}
	}
}

// sniHello is a ClientHello whose extensions are the SNI extension
// bodies given.
func sniHello(snis ...[]byte) []byte {
	body := append([]byte{3, 3}, make([]byte, 32)...)
	body = append(body, 0)
	body = vec16(body, u16(nil, 0x1301))
	body = append(body, 1, 0)
	var exts []byte
	for _, s := range snis {
		exts = vec16(u16(exts, extServerName), s)
	}
	return handshake(typeClientHello, vec16(body, exts))
}

func TestCheckerHelloEvents(t *testing.T) {
	name := vec16(nil, append([]byte{0}, vec16(nil, []byte("a.example"))...))
	for _, tc := range []struct {
		name string
		msg  []byte
		want string
	}{
		{"two SNI extensions", sniHello(name, name), "tls.multiple_sni_extensions"},
		{"SNI type", sniHello(vec16(nil, append([]byte{1}, vec16(nil, []byte("a"))...))), "tls.invalid_sni_type"},
		{"SNI length", sniHello(vec16(nil, append([]byte{0}, u16(nil, 0)...))), "tls.invalid_sni_length"},
		{"SNI past its extension", sniHello(vec16(nil, append([]byte{0}, u16(nil, 200)...))), "tls.invalid_sni_length"},
		{"cut hello", handshake(typeClientHello, []byte{3, 3, 1, 2}), "tls.handshake_invalid_length"},
	} {
		var c Checker
		got := feedEvents(&c, 0, records(tc.msg, 1000), 1000)
		if !slices.Equal(got, []string{tc.want}) || c.stop {
			t.Errorf("%s: events %v (stopped %v), want %s", tc.name, got, c.stop, tc.want)
		}
	}
}

// TestCheckerHeartbeat: a cleartext heartbeat request must hold its
// payload and 16 bytes of padding; an encrypted response longer than its
// request is Heartbleed's leak.
func TestCheckerHeartbeat(t *testing.T) {
	hb := func(body ...byte) []byte { return append([]byte{recordHeartbeat, 3, 2, 0, byte(len(body))}, body...) }
	var c Checker
	if got := feedEvents(&c, 0, hb(1, 0x40, 0), 10); !slices.Equal(got, []string{"tls.overflow_heartbeat_message"}) {
		t.Errorf("overflowing request: %v", got)
	}
	c = Checker{}
	if got := feedEvents(&c, 0, hb(append([]byte{1, 0, 1, 'x'}, make([]byte, 15)...)...), 10); !slices.Equal(got, []string{"tls.invalid_heartbeat_message"}) {
		t.Errorf("short padding: %v", got)
	}
	c = Checker{}
	ccs := []byte{recordChangeCipherSpec, 3, 3, 0, 1, 1}
	feedEvents(&c, 0, append(ccs, hb(make([]byte, 40)...)...), 10)
	if got := feedEvents(&c, 1, hb(make([]byte, 200)...), 10); !slices.Equal(got, []string{"tls.dataleak_heartbeat_mismatch"}) {
		t.Errorf("encrypted response longer than its request: %v", got)
	}
}
