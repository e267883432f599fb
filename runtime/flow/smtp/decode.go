package smtp

// b64 maps a base64 character to its value; 0xff marks other bytes.
var b64 = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alpha); i++ {
		t[alpha[i]] = byte(i)
	}
	return t
}()

// b64Decoder decodes base64 as Suricata's decode_rfc2045: bytes that are
// neither base64 characters nor '=' are skipped, a quantum may span
// calls, and '=' ends a quantum's data.
type b64Decoder struct {
	tmp [4]byte
	nb  int
}

// decode appends the bytes in decodes to out; ok is false when a quantum
// is invalid ('=' in its first two places), which drops the quantum.
func (d *b64Decoder) decode(out, in []byte) ([]byte, bool) {
	for _, c := range in {
		if b64[c] == 0xff && c != '=' {
			continue
		}
		d.tmp[d.nb] = c
		d.nb++
		if d.nb < 4 {
			continue
		}
		d.nb = 0
		var ok bool
		if out, ok = d.quantum(out); !ok {
			return out, false
		}
	}
	return out, true
}

func (d *b64Decoder) quantum(out []byte) ([]byte, bool) {
	t := d.tmp
	if t[0] == '=' || t[1] == '=' {
		return out, false
	}
	a, b := b64[t[0]], b64[t[1]]
	if t[2] == '=' {
		return append(out, a<<2|b>>4), true
	}
	c := b64[t[2]]
	if t[3] == '=' {
		return append(out, a<<2|b>>4, b<<4|c>>2), true
	}
	return append(out, a<<2|b>>4, b<<4|c>>2, c<<6|b64[t[3]]), true
}

// flush pads a pending partial quantum with '=' and decodes it, as the
// MIME parser does when a part ends.
func (d *b64Decoder) flush(out []byte) []byte {
	if d.nb == 0 {
		return out
	}
	for d.nb < 4 {
		d.tmp[d.nb] = '='
		d.nb++
	}
	d.nb = 0
	out, _ = d.quantum(out)
	return out
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
