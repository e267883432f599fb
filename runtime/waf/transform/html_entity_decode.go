package transform

import (
	"strings"

	"github.com/rulec/rulec/internal/hexdigit"
)

func init() { register("htmlEntityDecode", htmlEntityDecode) }

// namedEntities are the entities ModSecurity decodes by name.
var namedEntities = map[string]byte{"quot": '"', "amp": '&', "lt": '<', "gt": '>', "nbsp": 0xa0}

// htmlEntityDecode decodes &#DDD;, &#xHH; (the low byte of the code point)
// and the named entities above; the semicolon is optional.
func htmlEntityDecode(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			b = append(b, s[i])
			continue
		}
		c, n := entity(s[i+1:])
		if n == 0 {
			b = append(b, '&')
			continue
		}
		b = append(b, c)
		i += n
		if i+1 < len(s) && s[i+1] == ';' {
			i++
		}
	}
	return string(b)
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// entity reads the entity body at the start of s (after '&', before the
// optional ';') and returns its byte and length; n is 0 when there is none.
func entity(s string) (c byte, n int) {
	if len(s) > 1 && s[0] == '#' {
		if (s[1] == 'x' || s[1] == 'X') && len(s) > 2 {
			v, j := 0, 2
			for j < len(s) && hexdigit.Is(s[j]) {
				v = v<<4 | hexdigit.Int(s[j])
				j++
			}
			if j == 2 {
				return 0, 0
			}
			return byte(v), j
		}
		v, j := 0, 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			v = v*10 + int(s[j]-'0')
			j++
		}
		if j == 1 {
			return 0, 0
		}
		return byte(v), j
	}
	j := 0
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	if v, ok := namedEntities[strings.ToLower(s[:j])]; ok {
		return v, j
	}
	return 0, 0
}
