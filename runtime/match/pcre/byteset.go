package pcre

import "math/bits"

// byteSet is a set of byte values.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }
func (s *byteSet) addSet(o byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|o[0], s[1]|o[1], s[2]|o[2], s[3]|o[3]
}
func (s byteSet) not() byteSet { return byteSet{^s[0], ^s[1], ^s[2], ^s[3]} }
func (s byteSet) count() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}
func (s *byteSet) addRange(lo, hi int) {
	for c := lo; c <= hi; c++ {
		s.add(byte(c))
	}
}

func setOf(bs ...byte) byteSet {
	var s byteSet
	for _, c := range bs {
		s.add(c)
	}
	return s
}

func rangeSet(lo, hi int) byteSet {
	var s byteSet
	s.addRange(lo, hi)
	return s
}

// fold adds the other case of every ASCII letter in s.
func (s byteSet) fold() byteSet {
	for c := byte('a'); c <= 'z'; c++ {
		if s.has(c) || s.has(c-'a'+'A') {
			s.add(c)
			s.add(c - 'a' + 'A')
		}
	}
	return s
}

// ranges returns s as inclusive ranges in ascending order.
func (s byteSet) ranges() [][2]int {
	var out [][2]int
	for c := 0; c < 256; c++ {
		if !s.has(byte(c)) {
			continue
		}
		lo := c
		for c+1 < 256 && s.has(byte(c+1)) {
			c++
		}
		out = append(out, [2]int{lo, c})
	}
	return out
}

// The ASCII classes of PCRE without UTF or UCP.
var (
	digitSet = rangeSet('0', '9')
	spaceSet = setOf(' ', '\t', '\n', '\v', '\f', '\r')
	wordSet  = func() byteSet {
		s := rangeSet('0', '9')
		s.addSet(rangeSet('a', 'z'))
		s.addSet(rangeSet('A', 'Z'))
		s.add('_')
		return s
	}()
	hspaceSet = setOf(' ', '\t', 0xa0)
	vspaceSet = setOf('\n', '\v', '\f', '\r', 0x85)
	allSet    = byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	notNL     = setOf('\n').not()
)

// posixClasses are the [:name:] classes, ASCII only.
var posixClasses = map[string]byteSet{
	"alnum": func() byteSet { s := wordSet; s[1] &^= 1 << ('_' - 64); return s }(),
	"alpha": func() byteSet { s := rangeSet('a', 'z'); s.addSet(rangeSet('A', 'Z')); return s }(),
	"ascii": rangeSet(0, 127),
	"blank": setOf(' ', '\t'),
	"cntrl": func() byteSet { s := rangeSet(0, 31); s.add(127); return s }(),
	"digit": digitSet,
	"graph": rangeSet('!', '~'),
	"lower": rangeSet('a', 'z'),
	"print": rangeSet(' ', '~'),
	"punct": func() byteSet {
		s := rangeSet('!', '/')
		s.addSet(rangeSet(':', '@'))
		s.addSet(rangeSet('[', '`'))
		s.addSet(rangeSet('{', '~'))
		return s
	}(),
	"space":  spaceSet,
	"upper":  rangeSet('A', 'Z'),
	"word":   wordSet,
	"xdigit": func() byteSet { s := digitSet; s.addSet(rangeSet('a', 'f')); s.addSet(rangeSet('A', 'F')); return s }(),
}
