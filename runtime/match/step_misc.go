package match

import "github.com/rulec/rulec/compiler/ir"

// isDataAtStep is isdataat.
type isDataAtStep struct {
	at       num
	negated  bool
	relative bool
}

// maxDataAt is the largest isdataat a variable may give; past it the
// answer is "no data" without looking.
const maxDataAt = 100000000

func (d *isDataAtStep) inspect(in *inspector, i, prev int) int {
	at := d.at.get(in.vars)
	isVar := d.at.v >= 0
	if isVar && at >= maxDataAt {
		if d.negated {
			return in.next(i, prev)
		}
		return noMatch
	}
	var data bool
	if d.relative {
		data = int64(prev)+at <= int64(len(in.buf))
	} else {
		data = at < int64(len(in.buf))
	}
	switch {
	case data != d.negated:
		return in.next(i, prev)
	case isVar:
		return noMatch
	case d.relative && d.negated:
		return noMatch
	}
	in.stop = true
	return noMatch
}

// sizeStep compares the buffer's length: bsize, urilen, dsize.
type sizeStep struct{ cmp ir.Cmp }

func (s *sizeStep) inspect(in *inspector, i, prev int) int {
	if !s.cmp.Holds(int64(len(in.buf))) {
		return noMatch
	}
	return in.next(i, prev)
}

// base64MaxDecode is what base64_decode decodes when bytes is not given.
const base64MaxDecode = 65535

// base64Step is base64_decode followed by the rule's base64_data
// matchers, which see the decoded bytes.
type base64Step struct {
	bytes, offset int
	relative      bool
	data          []step
}

func (b *base64Step) inspect(in *inspector, _, prev int) int {
	src := in.buf
	if b.relative {
		src = src[prev:]
	}
	if b.offset != 0 {
		if b.offset >= len(src) {
			return noMatch
		}
		src = src[b.offset:]
	}
	decoded := decodeBase64(src[:min(len(src), b.bytes)])
	if len(decoded) == 0 || in.sub(b.data, decoded) != matched {
		return noMatch
	}
	return matched
}
