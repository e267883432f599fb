package kernel

import "errors"

// ErrTables is a loader refusal of the tables themselves (invalid, or
// refused by a map update), as opposed to BPF being unavailable: running
// the reference evaluator on the same tables would be no answer.
var ErrTables = errors.New("kernel tables refused")
