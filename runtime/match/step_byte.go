package match

import "math/bits"

// byteOpts are the conversion options of byte_test, byte_jump and
// byte_extract.
type byteOpts struct {
	nbytes   num // the number of bytes to convert, a constant or a byte_extract variable
	offset   num
	relative bool
	little   bool
	dce      bool // the byte order of the DCE/RPC stub data, big elsewhere
	base     int  // 0 for binary, else 8, 10 or 16 for strings
	bitmask  uint64
}

// count returns the number of bytes to convert; one from a variable is
// checked as Suricata checks it at run time (at most 8 bytes, or 23 as a
// string), false past that.
func (o *byteOpts) count(vars []uint64) (int, bool) {
	n := o.nbytes.get(vars)
	if o.nbytes.v >= 0 && (n > 23 || n > 8 && o.base == 0) {
		return 0, false
	}
	return int(n), true
}

// at returns where n bytes to convert start, or false when Suricata finds
// no data there. Relative keywords need data past the cursor.
func (o *byteOpts) at(buf []byte, vars []uint64, prev, n int) (int, bool) {
	start := int(o.offset.get(vars))
	if o.relative {
		start += prev
		if len(buf)-start <= 0 {
			return 0, false
		}
	}
	if start < 0 || n > len(buf)-start {
		return 0, false
	}
	return start, true
}

// load finds and converts the bytes a byte_test or byte_extract reads:
// the value, where it starts and how many bytes it took.
func (o *byteOpts) load(in *inspector, prev int) (v uint64, start, n int, ok bool) {
	if n, ok = o.count(in.vars); !ok {
		return 0, 0, 0, false
	}
	if start, ok = o.at(in.buf, in.vars, prev, n); !ok {
		return 0, 0, 0, false
	}
	v, n, ok = o.read(in.buf[start:], n, in.dceLittle)
	return v, start, n, ok
}

// read converts the n bytes at b and applies the bitmask, returning the
// value and the number of bytes consumed; dceLittle is the byte order of
// the DCE/RPC stub data being inspected.
func (o *byteOpts) read(b []byte, n int, dceLittle bool) (uint64, int, bool) {
	little := o.little || o.dce && dceLittle
	var v uint64
	if o.base != 0 {
		var ok bool
		if v, n, ok = parseUint(b[:n], o.base); !ok {
			return 0, 0, false
		}
	} else {
		for i := range n {
			if little {
				v |= uint64(b[i]) << (8 * i)
			} else {
				v = v<<8 | uint64(b[i])
			}
		}
	}
	if o.bitmask != 0 {
		v &= o.bitmask
		if v != 0 {
			v >>= bits.TrailingZeros64(o.bitmask)
		}
	}
	return v, n, true
}

// parseUint reads s as C's strtoull in base does: leading white space, an
// optional sign, an optional 0x in base 16, then digits up to the first
// byte that is not one. It returns the value and the bytes consumed, and
// false when there are no digits or the value overflows.
func parseUint(s []byte, base int) (uint64, int, bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if base == 16 && i+2 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' && digitValue(s[i+2]) < 16 {
		i += 2
	}
	var v uint64
	digits := 0
	for ; i < len(s); i++ {
		d := digitValue(s[i])
		if d >= base {
			break
		}
		hi, lo := bits.Mul64(v, uint64(base))
		if hi != 0 || lo+uint64(d) < lo {
			return 0, 0, false
		}
		v = lo + uint64(d)
		digits++
	}
	if digits == 0 {
		return 0, 0, false
	}
	if neg {
		v = -v
	}
	return v, i, true
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 99
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// byteTestStep is byte_test.
type byteTestStep struct {
	opts    byteOpts
	op      string
	negated bool
	value   num
}

func (t *byteTestStep) inspect(in *inspector, i, prev int) int {
	v, _, _, ok := t.opts.load(in, prev)
	if !ok {
		return noMatch
	}
	want := uint64(t.value.get(in.vars))
	var holds bool
	switch t.op {
	case "=":
		holds = v == want
	case "<":
		holds = v < want
	case ">":
		holds = v > want
	case "<=":
		holds = v <= want
	case ">=":
		holds = v >= want
	case "&":
		holds = v&want != 0
	case "^":
		holds = v^want != 0
	}
	if holds == t.negated {
		return noMatch
	}
	return in.next(i, prev)
}

// byteJumpStep is byte_jump.
type byteJumpStep struct {
	opts          byteOpts
	multiplier    uint64
	align         bool
	fromBeginning bool
	fromEnd       bool
	postOffset    int64
}

func (j *byteJumpStep) inspect(in *inspector, i, prev int) int {
	buf := in.buf
	nbytes, ok := j.opts.count(in.vars)
	if !ok || j.opts.relative && nbytes > 0 && len(buf)-prev <= 0 {
		return noMatch
	}
	start := int(j.opts.offset.get(in.vars))
	if j.opts.relative {
		start += prev
	}
	if start < 0 || nbytes > len(buf)-start {
		return noMatch
	}
	v, n, ok := j.opts.read(buf[start:], nbytes, in.dceLittle)
	if !ok {
		return noMatch
	}
	v *= j.multiplier
	if j.align && v%4 != 0 {
		v += 4 - v%4
	}
	jump := int64(v) + j.postOffset
	switch {
	case j.fromBeginning:
	case j.fromEnd:
		jump += int64(len(buf))
	default:
		jump += int64(start + n)
	}
	if jump < 0 {
		jump = 0
	} else if jump > int64(len(buf)) {
		return noMatch
	}
	return in.next(i, int(jump))
}

// byteExtractStep is byte_extract into variable v.
type byteExtractStep struct {
	opts       byteOpts
	v          int
	multiplier uint64
	align      uint64
}

func (e *byteExtractStep) inspect(in *inspector, i, prev int) int {
	v, start, n, ok := e.opts.load(in, prev)
	if !ok {
		return noMatch
	}
	v *= e.multiplier
	if e.align != 0 && v%e.align != 0 {
		v += e.align - v%e.align
	}
	in.vars[e.v] = v
	return in.next(i, start+n)
}

// dceStubBuffer is the buffer whose byte order the dce option follows.
const dceStubBuffer = "dcerpc.stub_data"
