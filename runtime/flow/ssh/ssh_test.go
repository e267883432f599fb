package ssh

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// packet wraps a payload in an SSH binary packet with 4 padding bytes.
func packet(payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(payload)+5))
	b = append(b, 4)
	b = append(b, payload...)
	return append(b, 0, 0, 0, 0)
}

func kexInit(lists ...string) []byte {
	b := append([]byte{msgKexInit}, make([]byte, 16)...)
	for _, l := range lists {
		b = binary.BigEndian.AppendUint32(b, uint32(len(l)))
		b = append(b, l...)
	}
	return append(b, 0, 0, 0, 0, 0)
}

func TestSide(t *testing.T) {
	lists := []string{"curve25519-sha256", "ssh-ed25519", "aes128-ctr", "aes256-ctr", "hmac-sha2-256", "hmac-sha1", "none", "zlib", "", ""}
	stream := "SSH-2.0-OpenSSH_9.6 Debian\r\n" + string(packet(kexInit(lists...))) + string(packet([]byte{msgNewKeys})) + "encrypted"
	for _, server := range []bool{false, true} {
		for _, step := range []int{1, 7, len(stream)} {
			var s Side
			var got Progress
			for i := 0; i < len(stream); i += step {
				p := s.Feed([]byte(stream[i:min(i+step, len(stream))]), server)
				got.Banner, got.KexInit, got.NewKeys = got.Banner || p.Banner, got.KexInit || p.KexInit, got.NewKeys || p.NewKeys
			}
			want := "curve25519-sha256;aes128-ctr;hmac-sha2-256;none"
			if server {
				want = "curve25519-sha256;aes256-ctr;hmac-sha1;zlib"
			}
			sum := md5.Sum([]byte(want))
			if !got.Banner || !got.KexInit || !got.NewKeys || !s.Done() || s.Held() != 0 {
				t.Fatalf("server %v step %d: progress %+v done %v held %d", server, step, got, s.Done(), s.Held())
			}
			if string(s.Proto) != "2.0" || string(s.Software) != "OpenSSH_9.6" || s.HasshString != want || s.Hassh != hex.EncodeToString(sum[:]) {
				t.Errorf("server %v step %d: proto %q software %q hassh %q %s", server, step, s.Proto, s.Software, s.HasshString, s.Hassh)
			}
			u := &inspect.Unit{}
			s.Fill(u, server)
			name := "ssh.hassh"
			if server {
				name = "ssh.hassh.server"
			}
			if b, _ := u.Buffer(name); string(b) != s.Hassh {
				t.Errorf("%s buffer %q", name, b)
			}
		}
	}
}

func TestBanners(t *testing.T) {
	tests := []struct {
		in, proto, software string
		ok                  bool
	}{
		{"SSH-1.99-Cisco-1.25\n", "1.99", "Cisco-1.25", true},
		{"SSH-2.0-\r\n", "2.0", "", true},
		{"SSH-2.0\r\n", "", "", false},
		{"HTTP/1.1 200 OK\r\n", "", "", false},
		{"SSH-2.0-" + strings.Repeat("x", 300), "2.0", strings.Repeat("x", 300), true},
	}
	for _, tc := range tests {
		var s Side
		p := s.Feed([]byte(tc.in), false)
		if p.Banner != tc.ok || string(s.Proto) != tc.proto || string(s.Software) != tc.software {
			t.Errorf("%.20q: banner %v proto %q software %q", tc.in, p.Banner, s.Proto, s.Software)
		}
	}
	var s Side
	s.Feed([]byte("SSH-2.0-"+strings.Repeat("y", 300)), false)
	s.Feed([]byte("rest of the long line\n"+string(packet([]byte{msgNewKeys}))), false)
	if !s.Done() {
		t.Error("records after a long banner's end not read")
	}
	if ok, more := Probe([]byte("SS")); ok || !more {
		t.Errorf("probe of a prefix: %v %v", ok, more)
	}
	if ok, _ := Probe([]byte("SSH-2.0-x")); !ok {
		t.Error("banner not probed")
	}
}

func TestRecord(t *testing.T) {
	cli := &Side{Proto: []byte("2.0"), Software: []byte("libssh-0.7.2"), Hassh: "h", HasshString: "s"}
	srv := &Side{Proto: []byte("2.0")}
	rec := Record(cli, srv, false)
	c, _ := rec["client"].(map[string]any)
	s, _ := rec["server"].(map[string]any)
	if c["software_version"] != "libssh-0.7.2" || c["hassh"] != nil || s["proto_version"] != "2.0" || s["software_version"] != nil {
		t.Errorf("record %v", rec)
	}
	if c := Record(cli, srv, true)["client"].(map[string]any); c["hassh"] == nil {
		t.Error("hassh not logged when on")
	}
}
