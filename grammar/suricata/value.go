package suricata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

// IsQuoted reports whether v is wrapped in double quotes.
func IsQuoted(v string) bool { return len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' }

// Unquote strips the quotes of a quoted value and undoes Suricata's escapes
// (\" \; \\ \:). An unquoted value is returned unescaped as well.
func Unquote(v string) (string, error) {
	if strings.HasPrefix(v, `"`) != strings.HasSuffix(v, `"`) || v == `"` {
		return "", errors.New("unbalanced quotes")
	}
	if IsQuoted(v) {
		v = v[1 : len(v)-1]
	}
	if !strings.Contains(v, `\`) {
		return v, nil
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String(), nil
}

// DecodeContent decodes a content-style value: quotes stripped, escapes
// undone, and |hex| runs turned into bytes.
func DecodeContent(v string) ([]byte, error) {
	if !IsQuoted(v) {
		if strings.Contains(v, `"`) {
			return nil, errors.New("unbalanced quotes")
		}
	} else {
		v = v[1 : len(v)-1]
	}
	out := make([]byte, 0, len(v))
	hex, pending, half := false, byte(0), false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '|':
			if hex && half {
				return nil, fmt.Errorf("odd number of hex digits before offset %d", i)
			}
			hex = !hex
		case hex:
			if c == ' ' || c == '\t' {
				continue
			}
			d, ok := hexdigit.Value(c)
			if !ok {
				return nil, fmt.Errorf("bad hex digit %q", c)
			}
			if half {
				out = append(out, pending<<4|d)
			} else {
				pending = d
			}
			half = !half
		case c == '\\':
			if i+1 >= len(v) {
				return nil, errors.New("trailing backslash")
			}
			i++
			switch v[i] {
			case '\\', ';', ':', '"', '|':
				out = append(out, v[i])
			default:
				return nil, fmt.Errorf(`bad escape \%c`, v[i])
			}
		case c == '"' || c == ';':
			return nil, fmt.Errorf("%q must be escaped", c)
		default:
			out = append(out, c)
		}
	}
	if hex {
		return nil, errors.New("unterminated |hex| run")
	}
	return out, nil
}

// EncodeContent writes b as a quoted content value that DecodeContent turns
// back into b: printable bytes as text, everything else as |hex|.
func EncodeContent(b []byte) string {
	var s strings.Builder
	s.WriteByte('"')
	inHex := false
	for _, c := range b {
		printable := c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\' && c != '|' && c != ':'
		if printable == inHex {
			s.WriteByte('|')
			inHex = !inHex
		} else if inHex {
			s.WriteByte(' ')
		}
		if inHex {
			fmt.Fprintf(&s, "%02X", c)
		} else {
			s.WriteByte(c)
		}
	}
	if inHex {
		s.WriteByte('|')
	}
	s.WriteByte('"')
	return s.String()
}
