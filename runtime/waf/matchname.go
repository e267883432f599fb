package waf

import "strings"

// itemKey names one value of one variable.
type itemKey struct {
	v   *variable
	key string
}

// matchName is an item's MATCHED_VAR_NAME and its lower-cased form, the
// key of its MATCHED_VARS entry.
type matchName struct {
	name, lname string
}

// maxMatchNames bounds the names a pooled transaction keeps; when it is
// reached they are dropped and made again as matches need them.
const maxMatchNames = 256

// matchName returns it's MATCHED_VAR_NAME, made once for each variable
// and key and kept across the transactions of the pooled Tx: many rules
// match the same argument or header, and most requests send the same
// headers. The kept key is a copy: an item's key may be a slice of a
// body the next transaction no longer needs.
func (tx *Tx) matchName(it *item) matchName {
	if n, ok := tx.names[itemKey{it.v, it.key}]; ok {
		return n
	}
	n := makeMatchName(it)
	k := itemKey{it.v, strings.Clone(it.key)}
	if tx.names == nil {
		tx.names = make(map[itemKey]matchName)
	}
	if len(tx.names) == maxMatchNames {
		clear(tx.names)
	}
	tx.names[k] = n
	return n
}

// makeMatchName makes an item's name and its lower-cased form (as
// lowerKey gives it), the two in one allocation when the name is ASCII.
func makeMatchName(it *item) matchName {
	if it.key == "" && it.v.isScalar() {
		return matchName{it.v.name, lowerKey(it.v.name)}
	}
	n := len(it.v.name) + 1 + len(it.key)
	if !isASCII(it.v.name) || !isASCII(it.key) {
		name := it.name()
		return matchName{name, lowerKey(name)}
	}
	var b strings.Builder
	b.Grow(2 * n)
	b.WriteString(it.v.name)
	b.WriteByte(':')
	b.WriteString(it.key)
	upper := false
	for _, part := range [...]string{it.v.name, ":", it.key} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c >= 'A' && c <= 'Z' {
				c, upper = c+'a'-'A', true
			}
			b.WriteByte(c)
		}
	}
	s := b.String()
	if !upper {
		return matchName{s[:n], s[:n]}
	}
	return matchName{s[:n], s[n:]}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
