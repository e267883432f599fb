package ssh

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"

	"github.com/rulec/rulec/runtime/flow/frame"
	"github.com/rulec/rulec/runtime/inspect"
)

// MaxBanner is Suricata's SSH_MAX_BANNER_LEN: past it a banner line is
// parsed as it is and its end skipped.
const MaxBanner = 256

// maxRecord bounds the bytes buffered for one binary packet (a KEXINIT);
// larger packets are skipped, not buffered.
const maxRecord = 64 << 10

const (
	msgKexInit = 20
	msgNewKeys = 21
)

// Probe reports whether a stream starts with an SSH identification
// string; more is true while too few bytes tell.
func Probe(b []byte) (match, more bool) {
	const id = "SSH-"
	if len(b) < len(id) {
		return false, bytes.HasPrefix([]byte(id), b)
	}
	return bytes.HasPrefix(b, []byte(id)), false
}

type state uint8

const (
	inBanner state = iota
	waitEOL
	inRecords
	finished // NEWKEYS seen: the rest is encrypted
	failed
)

// Side reads one direction of an SSH connection.
type Side struct {
	Proto, Software []byte // from the banner
	// Hassh and HasshString are the fingerprint of the side's KEXINIT:
	// its key exchange algorithms and, in its sending direction,
	// encryption, MAC and compression algorithms, joined by ";".
	Hassh, HasshString string
	// Frames takes the side's record frames (record.hdr, record.data,
	// record.pdu), as Suricata's SSH parser marks them; nil marks none.
	Frames frame.Marker
	st     state
	buf    []byte
	skip   int    // bytes of a packet too large to buffer left to skip
	fed    uint64 // bytes fed so far
}

// Progress is what one Feed completed.
type Progress struct {
	Banner, KexInit, NewKeys bool
}

// Feed adds the side's stream bytes; server is true for the server side.
func (s *Side) Feed(b []byte, server bool) Progress {
	var p Progress
	s.fed += uint64(len(b))
	for len(b) > 0 && s.st < finished {
		if s.st < inRecords {
			b = s.banner(b, &p)
			continue
		}
		if s.skip > 0 {
			n := min(s.skip, len(b))
			s.skip -= n
			b = b[n:]
			continue
		}
		s.buf = append(s.buf, b...)
		b = nil
		s.records(server, &p)
	}
	return p
}

// Held is how many bytes the side holds.
func (s *Side) Held() int { return cap(s.buf) }

// Stop ends the side's reading, dropping what it holds.
func (s *Side) Stop() { s.st, s.buf, s.skip = failed, nil, 0 }

// Done reports whether the side's cleartext part is over.
func (s *Side) Done() bool { return s.st >= finished }

func (s *Side) banner(b []byte, p *Progress) []byte {
	if s.st == waitEOL {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil
		}
		s.st = inRecords
		return b[i+1:]
	}
	i := bytes.IndexByte(b, '\n')
	if i < 0 && len(s.buf)+len(b) < MaxBanner {
		s.buf = append(s.buf, b...)
		return nil
	}
	var line []byte
	if i < 0 {
		line, b = append(s.buf, b...), nil
	} else {
		line, b = append(s.buf, b[:i+1]...), b[i+1:]
	}
	s.buf = nil
	rest, ok := bytes.CutPrefix(bytes.TrimRight(line, "\r\n"), []byte("SSH-"))
	proto, sw, dash := bytes.Cut(rest, []byte("-"))
	if !ok || !dash || len(proto) == 0 {
		s.st = failed
		return nil
	}
	if j := bytes.IndexAny(sw, " \r\n"); j >= 0 {
		sw = sw[:j]
	}
	s.Proto, s.Software = bytes.Clone(proto), bytes.Clone(sw)
	s.st, p.Banner = inRecords, true
	if i < 0 {
		s.st = waitEOL // a banner past MaxBanner: its end is skipped
	}
	return b
}

// records reads whole binary packets: packet_length (4), padding_length
// (1), then the payload whose first byte is the message code.
func (s *Side) records(server bool, p *Progress) {
	for s.st == inRecords && len(s.buf) >= 6 {
		n := int(binary.BigEndian.Uint32(s.buf))
		if n < 2 {
			s.st, s.buf = failed, nil
			return
		}
		if n > maxRecord {
			s.markRecord(n)
			if skip := 4 + n; skip <= len(s.buf) {
				s.buf = s.buf[skip:]
			} else {
				s.skip, s.buf = skip-len(s.buf), nil
			}
			continue
		}
		if len(s.buf) < 4+n {
			return
		}
		s.markRecord(n)
		pad := int(s.buf[4])
		payload := s.buf[5 : 4+n]
		if pad < len(payload) {
			payload = payload[:len(payload)-pad]
		}
		switch payload[0] {
		case msgKexInit:
			if s.Hassh == "" && s.kexInit(payload[1:], server) {
				p.KexInit = true
			}
		case msgNewKeys:
			s.st, p.NewKeys = finished, true
		}
		s.buf = s.buf[4+n:]
	}
	if s.st != inRecords || len(s.buf) == 0 {
		s.buf = nil
	}
}

// markRecord marks the frames of the binary packet at the start of the
// buffer, n its packet_length.
func (s *Side) markRecord(n int) {
	if s.Frames == nil {
		return
	}
	off := s.fed - uint64(len(s.buf))
	s.Frames.Open("record.hdr", off, 6, 0)
	s.Frames.Open("record.data", off+6, int64(n)-2, 0)
	s.Frames.Open("record.pdu", off, int64(n)+4, 0)
}

// kexInit reads a KEXINIT's name-lists after its 16-byte cookie.
func (s *Side) kexInit(b []byte, server bool) bool {
	if len(b) < 16 {
		return false
	}
	b = b[16:]
	var lists [8][]byte
	for i := range lists {
		if len(b) < 4 {
			return false
		}
		n := int(binary.BigEndian.Uint32(b))
		if n > len(b)-4 {
			return false
		}
		lists[i], b = b[4:4+n], b[4+n:]
	}
	// kex, host key, enc c2s, enc s2c, mac c2s, mac s2c, comp c2s, comp s2c
	enc, mac, comp := lists[2], lists[4], lists[6]
	if server {
		enc, mac, comp = lists[3], lists[5], lists[7]
	}
	s.HasshString = string(bytes.Join([][]byte{lists[0], enc, mac, comp}, []byte(";")))
	sum := md5.Sum([]byte(s.HasshString))
	s.Hassh = hex.EncodeToString(sum[:])
	return true
}

// Fill sets the side's buffers on a unit of its direction.
func (s *Side) Fill(u *inspect.Unit, server bool) {
	if s.Proto != nil {
		u.SetBuffer("ssh.proto", s.Proto)
		u.SetBuffer("ssh.software", s.Software)
	}
	if s.Hassh == "" {
		return
	}
	if server {
		u.SetBuffer("ssh.hassh.server", []byte(s.Hassh))
		u.SetBuffer("ssh.hassh.server.string", []byte(s.HasshString))
		return
	}
	u.SetBuffer("ssh.hassh", []byte(s.Hassh))
	u.SetBuffer("ssh.hassh.string", []byte(s.HasshString))
}

// Record is the EVE ssh object of the two sides; hassh says whether the
// fingerprints are logged (Suricata's app-layer.protocols.ssh.hassh).
func Record(client, server *Side, hassh bool) map[string]any {
	rec := map[string]any{}
	for name, s := range map[string]*Side{"client": client, "server": server} {
		if len(s.Proto) == 0 {
			continue
		}
		side := map[string]any{"proto_version": string(s.Proto)}
		if len(s.Software) > 0 {
			side["software_version"] = string(s.Software)
		}
		if hassh && s.Hassh != "" {
			side["hassh"] = map[string]any{"hash": s.Hassh, "string": s.HasshString}
		}
		rec[name] = side
	}
	return rec
}
