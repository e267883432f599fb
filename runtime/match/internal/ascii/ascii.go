package ascii

import "bytes"

// Lower returns c with A-Z folded to a-z.
func Lower(c byte) byte {
	if c-'A' < 26 {
		return c + 'a' - 'A'
	}
	return c
}

// EqualFold reports whether a and b are equal without regard to ASCII case.
func EqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i, c := range a {
		if c != b[i] && Lower(c) != Lower(b[i]) {
			return false
		}
	}
	return true
}

// IndexFold returns the index of the first occurrence of pat in s without
// regard to ASCII case, or -1. pat must already be lower-case. Candidates
// come from bytes.IndexByte on one byte of pat: a byte with no other case
// when pat has one, else both cases of its first letter.
func IndexFold(s, pat []byte) int {
	n := len(pat)
	switch {
	case n == 0:
		return 0
	case n > len(s):
		return -1
	}
	last := len(s) - n // the last start
	if j := anchor(pat); j >= 0 {
		c := pat[j]
		for i := 0; i <= last; {
			k := bytes.IndexByte(s[i+j:last+j+1], c)
			if k < 0 {
				return -1
			}
			i += k
			if EqualFold(s[i:i+n], pat) {
				return i
			}
			i++
		}
		return -1
	}
	lo, up := pat[0], pat[0]-('a'-'A')
	nextLo, nextUp := -1, -1
	for i := 0; i <= last; {
		if nextLo < i {
			nextLo = next(s[:last+1], i, lo)
		}
		if nextUp < i {
			nextUp = next(s[:last+1], i, up)
		}
		i = min(nextLo, nextUp)
		if i > last {
			return -1
		}
		if EqualFold(s[i+1:i+n], pat[1:]) {
			return i
		}
		i++
	}
	return -1
}

// next returns the index of c in s from i on, or len(s).
func next(s []byte, i int, c byte) int {
	if k := bytes.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}

// anchor returns the index of a byte of pat that has no other case,
// preferring one that is not white space, or -1 when every byte is a
// letter.
func anchor(pat []byte) int {
	j := -1
	for i, c := range pat {
		if c|0x20-'a' < 26 {
			continue
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return i
		}
		if j < 0 {
			j = i
		}
	}
	return j
}

func ToLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = Lower(c)
	}
	return out
}

// ToUpper returns a copy of b with a-z folded to A-Z.
func ToUpper(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c-'a' < 26 {
			c -= 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
