package ac

// DFA is a complete Aho-Corasick automaton. State 0 is the root; states
// are numbered in creation order and Order lists them breadth first.
type DFA struct {
	Class    [256]uint8 // byte to class
	NClasses int
	Next     []uint32   // by state*NClasses + class: the next state
	Out      [][]uint32 // by state: the patterns ending there, failure outputs included
	Order    []uint32
}

// States is the number of states.
func (d *DFA) States() int { return len(d.Out) }

// Build compiles keys, which must be non-empty. With fold, the keys must
// already be lower case and upper-case letters share their lower-case
// letter's class, so the automaton matches without regard to ASCII case.
func Build(keys [][]byte, fold bool) *DFA {
	d := &DFA{}
	d.Class, d.NClasses = byteClasses(keys, fold)
	stride := d.NClasses
	d.Next = make([]uint32, stride)
	d.Out = [][]uint32{nil}
	for id, k := range keys {
		s := uint32(0)
		for _, c := range k {
			i := int(s)*stride + int(d.Class[c])
			if d.Next[i] == 0 {
				d.Next[i] = uint32(len(d.Out))
				d.Out = append(d.Out, nil)
				d.Next = append(d.Next, make([]uint32, stride)...)
			}
			s = d.Next[i]
		}
		d.Out[s] = append(d.Out[s], uint32(id))
	}
	fail := make([]uint32, len(d.Out))
	d.Order = make([]uint32, 0, len(d.Out))
	d.Order = append(d.Order, 0)
	for q := 0; q < len(d.Order); q++ {
		s := d.Order[q]
		row := d.Next[int(s)*stride : int(s+1)*stride]
		frow := d.Next[int(fail[s])*stride : int(fail[s]+1)*stride]
		for c, child := range row {
			switch {
			case child != 0:
				if s != 0 {
					fail[child] = frow[c]
				}
				d.Out[child] = append(d.Out[child], d.Out[fail[child]]...)
				d.Order = append(d.Order, child)
			case s != 0:
				row[c] = frow[c]
			}
		}
	}
	return d
}

// byteClasses gives every byte used by a key its own class and puts all
// other bytes in class 0; with fold, upper-case letters share the class of
// their lower-case letter.
func byteClasses(keys [][]byte, fold bool) ([256]uint8, int) {
	var used [256]bool
	for _, k := range keys {
		for _, c := range k {
			used[c] = true
		}
	}
	var class [256]uint8
	n := 1
	for c := 0; c < 256; c++ {
		if !used[c] {
			continue
		}
		if n == 256 {
			// Every byte is used: the last one takes class 0, which
			// no other byte has then.
			break
		}
		class[c] = uint8(n)
		n++
	}
	if fold {
		for c := 'A'; c <= 'Z'; c++ {
			class[c] = class[c+'a'-'A']
		}
	}
	return class, n
}
