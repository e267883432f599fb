package ac

// byteClasses gives every byte used by a pattern its own class and puts
// all other bytes in class 0; with fold (the patterns are folded then),
// upper-case letters share the class of their lower-case letter. It
// returns the class table and the number of classes.
func byteClasses(pats [][]byte, fold bool) ([256]uint8, int) {
	var used [256]bool
	for _, p := range pats {
		for _, c := range p {
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
