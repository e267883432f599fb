package tls

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// ja4 is a ClientHello's JA4 fingerprint as Suricata computes it
// (rust/src/ja4.rs): "t" (TCP), the highest version offered, "d" with an
// SNI else "i", cipher and extension counts (at most 99), the first and
// last characters of the first ALPN; then truncated SHA-256 of the sorted
// ciphers, and of the sorted extensions without SNI and ALPN joined with
// the signature algorithms in their order.
func ja4(h *ClientHello, p *hsParams) string {
	sni := "i"
	if slices.Contains(p.exts, extServerName) {
		sni = "d"
	}
	var alpn [2]byte
	alpn[0], alpn[1] = '0', '0'
	if len(h.ALPNs) > 0 {
		alpn = ja4ALPN(h.ALPNs[0])
	}
	a := fmt.Sprintf("t%s%s%02d%02d%c%c", ja4Version(max(h.Version, h.Offered)), sni,
		min(99, len(p.ciphers)), min(99, len(p.exts)), alpn[0], alpn[1])
	ciphers := slices.Sorted(slices.Values(p.ciphers))
	var exts []int
	for _, e := range p.exts {
		if e != extServerName && e != extALPN {
			exts = append(exts, e)
		}
	}
	slices.Sort(exts)
	c := hex4(exts) + "_" + hex4(p.sigAlgs)
	return a + "_" + sha12(hex4(ciphers)) + "_" + sha12(c)
}

func ja4Version(v uint16) string {
	switch v {
	case 0x0304:
		return "13"
	case 0x0303:
		return "12"
	case 0x0302:
		return "11"
	case 0x0301:
		return "10"
	case 0x0300:
		return "s3"
	}
	return "00"
}

// ja4ALPN is the two characters JA4 takes of the first ALPN: its first
// and last bytes when alphanumeric, else the first and last hex digits;
// "00" for a GREASE value.
func ja4ALPN(v []byte) [2]byte {
	if len(v) == 2 && grease(int(v[0])<<8|int(v[1])) {
		return [2]byte{'0', '0'}
	}
	first, last := v[0], v[len(v)-1]
	if !alnum(first) || !alnum(last) {
		const digits = "0123456789abcdef"
		return [2]byte{digits[first>>4], digits[last&0xf]}
	}
	return [2]byte{first, last}
}

func alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func hex4(vs []int) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprintf("%04x", v)
	}
	return strings.Join(s, ",")
}

func sha12(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}
