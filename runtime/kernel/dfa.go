package kernel

import (
	"encoding/binary"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// dfaEntries is the length of the rc_dfa value: a row per state and 256
// zero entries that keep any row offset plus any class in bounds.
func dfaEntries(a *kernelgen.Automaton) int {
	return a.NStates*a.NClasses + 256
}

// dfaValue lays a.Delta out as rc_dfa: each transition holds the byte
// offset of the next state's row (4 * state * NClasses) and keeps
// AcceptBit.
func dfaValue(a *kernelgen.Automaton) []byte {
	out := make([]byte, 0, 4*dfaEntries(a))
	for _, d := range a.Delta {
		next := d &^ kernelgen.AcceptBit
		out = binary.NativeEndian.AppendUint32(out, 4*next*uint32(a.NClasses)|d&kernelgen.AcceptBit)
	}
	return append(out, make([]byte, 4*256)...)
}
