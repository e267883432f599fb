package match

import "slices"

// fileHashStep holds when the file digest the buffer holds is in the
// sorted list, or with negated is not.
type fileHashStep struct {
	hashes  []string
	negated bool
}

func (s *fileHashStep) inspect(in *inspector, i, prev int) int {
	_, found := slices.BinarySearch(s.hashes, string(in.buf))
	if found == s.negated {
		return noMatch
	}
	return in.next(i, prev)
}

// fileStep holds on any file: the filestore keyword's file match.
type fileStep struct{}

func (fileStep) inspect(in *inspector, i, prev int) int { return in.next(i, prev) }
